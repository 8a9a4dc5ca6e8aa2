//! Tax law as data and the pure arithmetic of one household-year: federal income tax, state
//! income tax (every state and DC, or a custom flat rate), Medicare IRMAA surcharges, required
//! minimum distributions, payroll taxes, the 10% tax on early distributions (and the Roth
//! five-year rules), the taxation of HSAs and the limits on deferrals from wages to a 401(k).

pub mod deferral;
pub mod early_withdrawal;
mod error;
pub mod federal;
mod filing;
pub mod hsa;
pub mod irmaa;
pub mod law;
pub mod payroll;
pub mod qcd;
pub mod rmd;
pub mod slope;
pub mod state;
pub mod tables;

pub use error::TaxError;
pub use federal::{
    Income, IncomeFacts, TaxBreakdown, breakdown, compute, federal, income, total_tax,
};
pub use filing::{ByFiling, Filing};
pub use irmaa::{Irmaa, IrmaaCharge};
pub use law::{FlatChange, LawMode, TaxLaw};
pub use rmd::RmdRules;
pub use slope::{Direction, Edge, Slope, slope};
pub use state::{
    IndexMask, Owners, Person, StateBreakdown, StateCode, StateFacts, StateLaw, StateRules,
    StateTables, StateTax, StateYear, YearLaw, state_breakdown, state_tax,
};
pub use tables::LawTables;
