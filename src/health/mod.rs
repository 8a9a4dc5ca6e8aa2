//! Health coverage costs as law and data: the ACA premium tax credit for Marketplace coverage
//! before Medicare, Medicare's base premiums, and the federal age curve of Marketplace premiums.
//! Pure: the only input besides arguments is the embedded law tables (`assets/health/`), which
//! `DRAWDOWN_ASSETS` may override.

pub mod aca;
pub mod age_curve;
mod error;
pub mod medicare;
pub mod region;
pub mod tables;

pub use aca::{AcaCredit, AcaHousehold, AcaLaw, AcaStatus, aca_magi};
pub use error::HealthError;
pub use medicare::{MedicarePremiums, months_from_age};
pub use region::{PovertyRegion, StateCode};
pub use tables::HealthTables;
