//! The household as the user states it. This is the save file: field names are stable and
//! `version` allows migrations.
//!
//! Money is in dollars and rates are decimals (0.035 = 3.5%). Amounts described as "today's
//! dollars" are in dollars of the plan's first year and rise with inflation.

use crate::money::serde_dec;
use crate::strategy::StrategySpec;
use crate::tax::{Filing, LawMode, StateCode, StateTax};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

/// The schema version this build reads and writes.
pub const PLAN_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub version: u32,
    pub name: String,
    /// What the plan is for; kept through saves (comments in the file are not).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub people: Vec<Person>,
    /// Filing status while both people live; a survivor files single from the next year.
    pub filing: Filing,
    /// Where the household pays state income tax (until the first of `moves`).
    #[serde(default)]
    pub state: StateResidence,
    /// Moves to another state, in order of year: from January 1 of that year the household is
    /// taxed as a resident of the new state for the whole year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<Move>,
    /// The heirs' marginal income tax rate on inherited tax-deferred money.
    #[serde(with = "serde_dec")]
    pub heirs_rate: Decimal,
    pub accounts: Vec<Account>,
    #[serde(default)]
    pub income: Income,
    pub spending: Spending,
    pub assumptions: Assumptions,
    #[serde(default = "StrategySpec::defaults")]
    pub strategies: Vec<StrategySpec>,
    /// Named variations of this household ("retire at 62", "move to Florida"), each a few
    /// overrides of the fields above (see `scenario.rs`). Plans without scenarios leave it out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<super::scenario::Scenario>,
    /// The comment lines the plan's file opened with (an example's explanation), written back
    /// on save. Not a field of the file: they are its comments.
    #[serde(skip)]
    pub comments: Vec<String>,
}

/// Where a household pays state income tax.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    from = "StateShapes",
    expecting = "a state: Resident(code: \"NJ\"), or Custom(rate: 0.05, \
                 exempt_social_security: true, exempt_retirement: false, deduction: 0)"
)]
pub enum StateResidence {
    /// A resident of a state or DC (by postal code), taxed by its own law, which drawdown
    /// carries for every state (a state without an income tax included).
    Resident { code: String },
    /// A flat rate of the plan's own on federal AGI, with the two exemptions most states give
    /// retirees: the model of plans written before drawdown knew the states.
    Custom {
        #[serde(with = "serde_dec")]
        rate: Decimal,
        #[serde(default)]
        exempt_social_security: bool,
        #[serde(default)]
        exempt_retirement: bool,
        /// A flat deduction, in today's dollars.
        #[serde(default, with = "serde_dec")]
        deduction: Decimal,
    },
}

/// What a plan file may say for `state`: today's two variants, or the plain rate of old files.
#[derive(Deserialize)]
#[serde(untagged)]
enum StateShapes {
    Named(NamedState),
    Old(StateTax),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
enum NamedState {
    Resident {
        code: String,
    },
    Custom {
        #[serde(with = "serde_dec")]
        rate: Decimal,
        #[serde(default)]
        exempt_social_security: bool,
        #[serde(default)]
        exempt_retirement: bool,
        #[serde(default, with = "serde_dec")]
        deduction: Decimal,
    },
}

impl From<StateShapes> for StateResidence {
    fn from(s: StateShapes) -> StateResidence {
        match s {
            StateShapes::Named(NamedState::Resident { code }) => StateResidence::Resident { code },
            StateShapes::Named(NamedState::Custom {
                rate,
                exempt_social_security,
                exempt_retirement,
                deduction,
            }) => StateResidence::Custom {
                rate,
                exempt_social_security,
                exempt_retirement,
                deduction,
            },
            StateShapes::Old(t) => StateResidence::custom(&t),
        }
    }
}

impl Default for StateResidence {
    /// No state income tax (a custom rate of zero), as plans without a `state` field have.
    fn default() -> StateResidence {
        StateResidence::custom(&StateTax::default())
    }
}

impl StateResidence {
    pub fn custom(t: &StateTax) -> StateResidence {
        StateResidence::Custom {
            rate: t.rate,
            exempt_social_security: t.exempt_social_security,
            exempt_retirement: t.exempt_retirement,
            deduction: t.deduction,
        }
    }

    /// The custom flat-rate model, when the plan uses it.
    pub fn custom_tax(&self) -> Option<StateTax> {
        match self {
            StateResidence::Custom {
                rate,
                exempt_social_security,
                exempt_retirement,
                deduction,
            } => Some(StateTax {
                rate: *rate,
                exempt_social_security: *exempt_social_security,
                exempt_retirement: *exempt_retirement,
                deduction: *deduction,
            }),
            StateResidence::Resident { .. } => None,
        }
    }

    /// Changes the custom model's settings (a resident of a real state switches to a custom
    /// rate, starting from nothing).
    pub fn edit_custom(&mut self, change: impl FnOnce(&mut StateTax)) {
        let mut t = self.custom_tax().unwrap_or_default();
        change(&mut t);
        *self = StateResidence::custom(&t);
    }

    /// The state, for a resident of a real one whose code is valid.
    pub fn code(&self) -> Option<StateCode> {
        match self {
            StateResidence::Resident { code } => StateCode::parse(code),
            StateResidence::Custom { .. } => None,
        }
    }

    /// A resident of `code`.
    pub fn resident(code: StateCode) -> StateResidence {
        StateResidence::Resident {
            code: code.code().to_string(),
        }
    }

    /// "New Jersey", or "custom 5%".
    pub fn label(&self) -> String {
        match self {
            StateResidence::Resident { code } => {
                StateCode::parse(code).map_or_else(|| code.clone(), |c| c.name().to_string())
            }
            StateResidence::Custom { rate, .. } => {
                format!("custom {}", crate::money::format_rate(*rate))
            }
        }
    }
}

/// A move to another state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Move {
    /// The first calendar year taxed as a resident of `state` (part-year residence is not
    /// modelled: the whole year is the new state's).
    pub year: i32,
    /// The new state's postal code.
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub birth_year: i32,
    /// The month of birth, 1 to 12 (January unless given). A person reaches each age in this
    /// month: it starts Medicare (and ends the Marketplace) part way through the year of 65, and
    /// sets the month Social Security starts at a claiming age.
    #[serde(default = "january", skip_serializing_if = "is_january")]
    pub birth_month: u32,
    /// The plan assumes this person lives through the year they reach this age.
    pub planning_age: u32,
    /// Which column of the SSA period life table gives this person's chances of living each
    /// year (the mortality-weighted figures and life expectancy).
    #[serde(default, skip_serializing_if = "Sex::is_unisex")]
    pub sex: Sex,
    /// The table's death probabilities are multiplied by this: 1 is the average person, 0.7
    /// someone healthier who expects to live longer, 1.5 someone in poorer health.
    #[serde(default = "one", skip_serializing_if = "is_one", with = "serde_dec")]
    pub mortality: Decimal,
    /// Health coverage in the years before Medicare.
    #[serde(default, skip_serializing_if = "Coverage::is_auto")]
    pub coverage: Coverage,
    /// Medicare covers this person from the year they reach this age (65 unless still covered
    /// by an employer's plan, say); an age past the planning age means never, so no Medicare
    /// premiums and no IRMAA.
    #[serde(default = "medicare_age", skip_serializing_if = "is_medicare_age")]
    pub medicare_age: u32,
}

/// The usual Medicare age.
pub const MEDICARE_AGE: u32 = 65;

fn january() -> u32 {
    1
}

fn is_january(m: &u32) -> bool {
    *m == 1
}

fn medicare_age() -> u32 {
    MEDICARE_AGE
}

fn is_medicare_age(a: &u32) -> bool {
    *a == MEDICARE_AGE
}

impl Person {
    /// Months of `year` from the month this person reaches `age` on: none in the years before,
    /// twelve in the years after.
    pub fn months_from_age(&self, age: u32, year: i32) -> u32 {
        crate::health::months_from_age(self.birth_year, self.birth_month, age, year)
    }

    /// A person with the usual coverage: Medicare from 65, before it the Marketplace at the
    /// default premium in the years without wages.
    pub fn new(name: &str, birth_year: i32, planning_age: u32) -> Person {
        Person {
            name: name.to_string(),
            birth_year,
            birth_month: 1,
            planning_age,
            sex: Sex::Unisex,
            mortality: Decimal::ONE,
            coverage: Coverage::Auto,
            medicare_age: MEDICARE_AGE,
        }
    }
}

/// A person's sex for the life table; `Unisex` takes the mean of the male and female rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
    #[default]
    Unisex,
}

impl Sex {
    pub const ALL: [Sex; 3] = [Sex::Male, Sex::Female, Sex::Unisex];

    fn is_unisex(&self) -> bool {
        *self == Sex::Unisex
    }

    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
            Sex::Unisex => "unisex",
        }
    }
}

fn is_one(d: &Decimal) -> bool {
    *d == Decimal::ONE
}

/// How a person is covered before Medicare. In a year in which the person earns wages an
/// employer's plan is assumed for `Auto` and `Marketplace` (no premium modelled: it comes out of
/// the pay).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub enum Coverage {
    /// Marketplace coverage at the documented default benchmark premium (the US average for a
    /// 40-year-old, $625 a month in 2026, aged along the federal age curve) in the years
    /// without wages.
    #[default]
    Auto,
    /// Marketplace coverage with this person's own benchmark (second-lowest silver) premium: a
    /// yearly amount at `at_age` in today's dollars, moved along the federal age curve.
    Marketplace {
        #[serde(with = "serde_dec")]
        benchmark: Decimal,
        at_age: u32,
    },
    /// An employer's or a retiree plan in every year before Medicare (its cost is part of the
    /// spending, if any).
    Employer,
    /// No coverage before Medicare, and no premium. (Not `None`: RON writes that name as a raw
    /// identifier, `r#None`, since it would read as an absent `Option`.)
    Uninsured,
}

impl Coverage {
    pub fn is_auto(&self) -> bool {
        *self == Coverage::Auto
    }

    pub fn label(&self) -> &'static str {
        match self {
            Coverage::Auto => "Marketplace, default premium",
            Coverage::Marketplace { .. } => "Marketplace, own premium",
            Coverage::Employer => "employer",
            Coverage::Uninsured => "none",
        }
    }
}

/// Which person owns an account or receives an income: 0 for the first, 1 for the second.
pub type PersonIndex = usize;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Account {
    /// A brokerage account: only gains are taxed, at capital-gain rates.
    Taxable {
        name: String,
        #[serde(with = "serde_dec")]
        balance: Decimal,
        #[serde(with = "serde_dec")]
        cost_basis: Decimal,
        /// Yearly dividends as a share of the balance; taxed each year.
        #[serde(default = "default_dividend_yield", with = "serde_dec")]
        dividend_yield: Decimal,
        /// Whether the dividends are paid out (cash for the year) or buy more of the account.
        #[serde(default, skip_serializing_if = "Dividends::is_paid_out")]
        dividends: Dividends,
        /// Share of dividends that are qualified (taxed at capital-gain rates).
        #[serde(default = "default_qualified_share", with = "serde_dec")]
        qualified_share: Decimal,
        #[serde(default = "default_stock_share", with = "serde_dec")]
        stock_share: Decimal,
        /// Share of each year's price growth realised as long-term gains by fund turnover
        /// (the classic study's 10%).
        #[serde(default, with = "serde_dec")]
        realize_share: Decimal,
    },
    /// A traditional IRA or 401(k): every dollar out is ordinary income; RMDs apply; drawn
    /// before 59½ it bears the 10% additional tax.
    Deferred {
        name: String,
        owner: PersonIndex,
        #[serde(with = "serde_dec")]
        balance: Decimal,
        #[serde(default = "default_stock_share", with = "serde_dec")]
        stock_share: Decimal,
        /// An employer's 401(k) or 403(b), not an IRA: the age-55 rule frees it of the 10%
        /// additional tax once its owner has left that employer in or after the year of 55.
        #[serde(default, skip_serializing_if = "is_false")]
        employer_plan: bool,
        /// For an employer plan: the owner's age in the year they left that employer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        separated_at_age: Option<u32>,
        /// The owner's spouse (the plan's other person) is the account's sole beneficiary:
        /// under current law, while the spouse is more than ten years younger, RMDs divide by
        /// the Joint and Last Survivor Table (a longer period, smaller distributions).
        #[serde(default, skip_serializing_if = "is_false")]
        spouse_sole_beneficiary: bool,
    },
    /// A Roth IRA or Roth 401(k): tax-free out, no RMDs.
    Roth {
        name: String,
        owner: PersonIndex,
        #[serde(with = "serde_dec")]
        balance: Decimal,
        #[serde(default = "default_stock_share", with = "serde_dec")]
        stock_share: Decimal,
    },
    /// Savings or money market: interest is paid out and taxed each year.
    Cash {
        name: String,
        #[serde(with = "serde_dec")]
        balance: Decimal,
    },
    /// A health savings account: contributions from wages before tax while its owner works and
    /// is not on Medicare; tax-free for qualified medical costs; other withdrawals are ordinary
    /// income (plus 20% before 65); to heirs other than a spouse the whole balance is income.
    Hsa {
        name: String,
        owner: PersonIndex,
        #[serde(with = "serde_dec")]
        balance: Decimal,
        #[serde(default = "default_stock_share", with = "serde_dec")]
        stock_share: Decimal,
        /// Yearly contribution in today's dollars (capped at the year's limit), paid from the
        /// owner's wages before tax in each year they earn wages before Medicare.
        #[serde(default, with = "serde_dec")]
        contribution: Decimal,
        /// Family HDHP coverage (the family limit, shared with a spouse's HSA) rather than
        /// self-only.
        #[serde(default, skip_serializing_if = "is_false")]
        family: bool,
    },
}

/// What a taxable account does with its dividends. Either way they are the year's taxable
/// income (qualified or ordinary by the account's `qualified_share`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dividends {
    /// Paid out: cash toward the year's need (what every plan saved before the choice does).
    #[default]
    PaidOut,
    /// Reinvested in the account: they add to its balance and, bought at their full price, to
    /// its cost basis; the tax on them is paid from the year's other money.
    Reinvest,
}

impl Dividends {
    pub fn is_paid_out(&self) -> bool {
        *self == Dividends::PaidOut
    }

    pub fn label(self) -> &'static str {
        match self {
            Dividends::PaidOut => "paid out",
            Dividends::Reinvest => "reinvested",
        }
    }
}

fn default_dividend_yield() -> Decimal {
    dec!(0.02)
}
fn default_qualified_share() -> Decimal {
    dec!(0.9)
}
fn default_stock_share() -> Decimal {
    dec!(0.6)
}

/// The four tax worlds (taxable, tax-deferred, Roth, HSA), plus cash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountKind {
    Cash,
    Taxable,
    Deferred,
    Roth,
    Hsa,
}

impl AccountKind {
    pub fn label(self) -> &'static str {
        match self {
            AccountKind::Cash => "cash",
            AccountKind::Taxable => "taxable",
            AccountKind::Deferred => "tax-deferred",
            AccountKind::Roth => "Roth",
            AccountKind::Hsa => "HSA",
        }
    }
}

impl Account {
    pub fn kind(&self) -> AccountKind {
        match self {
            Account::Taxable { .. } => AccountKind::Taxable,
            Account::Deferred { .. } => AccountKind::Deferred,
            Account::Roth { .. } => AccountKind::Roth,
            Account::Cash { .. } => AccountKind::Cash,
            Account::Hsa { .. } => AccountKind::Hsa,
        }
    }

    /// A tax-deferred account whose sole beneficiary is the owner's spouse.
    pub fn spouse_beneficiary(&self) -> bool {
        matches!(
            self,
            Account::Deferred {
                spouse_sole_beneficiary: true,
                ..
            }
        )
    }

    pub fn name(&self) -> &str {
        match self {
            Account::Taxable { name, .. }
            | Account::Deferred { name, .. }
            | Account::Roth { name, .. }
            | Account::Cash { name, .. }
            | Account::Hsa { name, .. } => name,
        }
    }

    pub fn balance(&self) -> Decimal {
        match self {
            Account::Taxable { balance, .. }
            | Account::Deferred { balance, .. }
            | Account::Roth { balance, .. }
            | Account::Cash { balance, .. }
            | Account::Hsa { balance, .. } => *balance,
        }
    }

    pub fn balance_mut(&mut self) -> &mut Decimal {
        match self {
            Account::Taxable { balance, .. }
            | Account::Deferred { balance, .. }
            | Account::Roth { balance, .. }
            | Account::Cash { balance, .. }
            | Account::Hsa { balance, .. } => balance,
        }
    }

    pub fn owner(&self) -> Option<PersonIndex> {
        match self {
            Account::Deferred { owner, .. }
            | Account::Roth { owner, .. }
            | Account::Hsa { owner, .. } => Some(*owner),
            _ => None,
        }
    }

    /// Share of the account in stocks (cash accounts hold none).
    pub fn stock_share(&self) -> Decimal {
        match self {
            Account::Taxable { stock_share, .. }
            | Account::Deferred { stock_share, .. }
            | Account::Roth { stock_share, .. }
            | Account::Hsa { stock_share, .. } => *stock_share,
            Account::Cash { .. } => Decimal::ZERO,
        }
    }

    /// A new, empty account of a kind, as the planner adds one.
    pub fn new_of_kind(kind: AccountKind, name: &str) -> Account {
        match kind {
            AccountKind::Taxable => Account::Taxable {
                name: name.to_string(),
                balance: Decimal::ZERO,
                cost_basis: Decimal::ZERO,
                dividend_yield: default_dividend_yield(),
                dividends: Dividends::PaidOut,
                qualified_share: default_qualified_share(),
                stock_share: default_stock_share(),
                realize_share: Decimal::ZERO,
            },
            AccountKind::Deferred => Account::Deferred {
                name: name.to_string(),
                owner: 0,
                balance: Decimal::ZERO,
                stock_share: default_stock_share(),
                employer_plan: false,
                separated_at_age: None,
                spouse_sole_beneficiary: false,
            },
            AccountKind::Roth => Account::Roth {
                name: name.to_string(),
                owner: 0,
                balance: Decimal::ZERO,
                stock_share: default_stock_share(),
            },
            AccountKind::Cash => Account::Cash {
                name: name.to_string(),
                balance: Decimal::ZERO,
            },
            AccountKind::Hsa => Account::Hsa {
                name: name.to_string(),
                owner: 0,
                balance: Decimal::ZERO,
                stock_share: default_stock_share(),
                contribution: Decimal::ZERO,
                family: false,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Income {
    #[serde(default)]
    pub social_security: Vec<SocialSecurity>,
    #[serde(default)]
    pub pensions: Vec<Pension>,
    #[serde(default)]
    pub wages: Vec<Wage>,
    #[serde(default)]
    pub other: Vec<OtherIncome>,
    /// Money that arrives once from outside the accounts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windfalls: Vec<Windfall>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SocialSecurity {
    pub person: PersonIndex,
    /// Yearly benefit at full retirement age (the PIA × 12), in today's dollars.
    #[serde(with = "serde_dec")]
    pub fra_benefit: Decimal,
    /// Age at which benefits are claimed (62–70); benefits start that year.
    pub claim_age: u32,
    /// Extra months past `claim_age` (0–11).
    #[serde(default)]
    pub claim_months: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pension {
    pub person: PersonIndex,
    #[serde(default)]
    pub name: String,
    /// Yearly amount in the first year it is paid (or now, if already paid).
    #[serde(with = "serde_dec")]
    pub amount: Decimal,
    pub start_age: u32,
    /// Yearly cost-of-living increase.
    #[serde(default, with = "serde_dec")]
    pub cola: Decimal,
    /// Share paid to the survivor after the owner dies.
    #[serde(default, with = "serde_dec")]
    pub survivor_share: Decimal,
    /// A pension from a federal, state or local government employer (many states exempt it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub government: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wage {
    pub person: PersonIndex,
    /// Yearly wages in today's dollars.
    #[serde(with = "serde_dec")]
    pub amount: Decimal,
    /// Paid in the years before this age.
    pub until_age: u32,
    /// The net profit of the person's own business (Schedule C) rather than wages: self-employment
    /// tax instead of payroll tax, half of it deducted from income; no employer's health plan.
    #[serde(default, skip_serializing_if = "is_false")]
    pub self_employed: bool,
    /// Elective deferrals to the employer's plan (a 401(k), 403(b) or 457(b)) a year, in
    /// today's dollars: out of the wages before income tax (not payroll tax) into the person's
    /// tax-deferred account, up to the year's limit with the catch-up from 50. Not for
    /// self-employment.
    #[serde(default, skip_serializing_if = "Decimal::is_zero", with = "serde_dec")]
    pub deferral: Decimal,
    /// The deferrals go to a Roth 401(k): taxed now, into the person's Roth account.
    #[serde(default, skip_serializing_if = "is_false")]
    pub roth_deferral: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherIncome {
    pub name: String,
    /// Yearly ordinary income, in today's dollars when `indexed`, else nominal.
    #[serde(with = "serde_dec")]
    pub amount: Decimal,
    pub from_year: i32,
    pub to_year: i32,
    #[serde(default = "yes")]
    pub indexed: bool,
}

fn yes() -> bool {
    true
}

/// Money that arrives once from outside the accounts: an inheritance, the proceeds of a home
/// sold to downsize, life insurance. It pays toward the year's need first, like income, and
/// the rest is invested in a taxable account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Windfall {
    pub year: i32,
    /// Cash received, in today's dollars.
    #[serde(with = "serde_dec")]
    pub amount: Decimal,
    /// The part of `amount` that is long-term capital gain taxed in the year: a home's gain
    /// beyond the exclusion of IRC 121 ($250,000, $500,000 for a couple), a sale of property
    /// held outside the plan's accounts. Zero (the default) for money that is not income: an
    /// inheritance (its basis is stepped up, IRC 1014), life insurance (IRC 101).
    #[serde(default, skip_serializing_if = "Decimal::is_zero", with = "serde_dec")]
    pub taxable_gain: Decimal,
    #[serde(default)]
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spending {
    /// Yearly after-tax need in today's dollars.
    #[serde(with = "serde_dec")]
    pub annual: Decimal,
    /// New yearly levels from given ages of the first person.
    #[serde(default)]
    pub changes: Vec<SpendingChange>,
    /// Single expenses in given years, in today's dollars.
    #[serde(default)]
    pub one_offs: Vec<OneOff>,
    /// Share of the need that remains once one spouse has died.
    #[serde(default = "one", with = "serde_dec")]
    pub survivor_share: Decimal,
    /// Spending guardrails (Guyton–Klinger): cut the living costs after bad years, raise them
    /// after good ones. None: the need is fixed in real terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardrails: Option<Guardrails>,
    /// Qualified medical costs besides the spending above (deductibles, co-pays, dental,
    /// glasses), a year in today's dollars; the survivor share applies after a death. Paid
    /// tax-free from HSAs first (with Medicare premiums from 65), the rest like any spending.
    #[serde(default, skip_serializing_if = "Decimal::is_zero", with = "serde_dec")]
    pub medical_costs: Decimal,
    /// Gifts to charity a year, in today's dollars, besides the spending above: given from the
    /// IRAs of whoever is 70½ as qualified charitable distributions (not income, and counted
    /// toward their RMDs) up to each owner's limit, the rest paid like any spending.
    #[serde(default, skip_serializing_if = "Decimal::is_zero", with = "serde_dec")]
    pub charity: Decimal,
}

/// Guyton–Klinger guardrails on the withdrawal rate (living costs over the opening portfolio).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guardrails {
    /// Cut when the rate is this far above the first year's: 0.20 = 20% above.
    #[serde(with = "serde_dec")]
    pub upper: Decimal,
    /// Raise when the rate is this far below the first year's.
    #[serde(with = "serde_dec")]
    pub lower: Decimal,
    /// The size of a cut or a raise: 0.10 = 10% of the living costs.
    #[serde(with = "serde_dec")]
    pub adjust: Decimal,
    /// Cuts never take the living costs below this share of the plan's: 0.80.
    #[serde(with = "serde_dec")]
    pub floor: Decimal,
    /// No cut in the plan's last this many years (Guyton–Klinger's capital-preservation rule
    /// stops 15 years before the end: a portfolio that only has to last a few more years can
    /// carry a high withdrawal rate). 0: cuts in every year.
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub no_cuts_final_years: u32,
    /// No raise for inflation in a year after the portfolio lost money, when the withdrawal
    /// rate is above the first year's (Guyton–Klinger's withdrawal rule); a skipped raise is
    /// never made up.
    #[serde(default, skip_serializing_if = "is_false")]
    pub freeze_after_loss: bool,
}

fn is_zero_u32(n: &u32) -> bool {
    *n == 0
}

impl Guardrails {
    /// The classic rule: 20% guardrails, 10% cuts and raises, a floor at 80% of the plan.
    pub fn classic() -> Guardrails {
        Guardrails {
            upper: dec!(0.20),
            lower: dec!(0.20),
            adjust: dec!(0.10),
            floor: dec!(0.80),
            no_cuts_final_years: 0,
            freeze_after_loss: false,
        }
    }

    /// The classic rule with Guyton and Klinger's two exceptions (2006): no cut in the last 15
    /// years, and no raise for inflation after a losing year while the rate is above the first
    /// year's.
    pub fn guyton_klinger() -> Guardrails {
        Guardrails {
            no_cuts_final_years: 15,
            freeze_after_loss: true,
            ..Guardrails::classic()
        }
    }
}

fn one() -> Decimal {
    Decimal::ONE
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpendingChange {
    pub at_age: u32,
    #[serde(with = "serde_dec")]
    pub annual: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneOff {
    pub year: i32,
    #[serde(with = "serde_dec")]
    pub amount: Decimal,
    #[serde(default)]
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    pub start_year: i32,
    #[serde(with = "serde_dec")]
    pub inflation: Decimal,
    pub returns: Returns,
    #[serde(default)]
    pub tax_law: LawMode,
    /// MAGI of the two years before the plan starts (Medicare looks back two years); when
    /// unknown the first two years pay no IRMAA surcharge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_magi: Option<PriorMagi>,
    /// Ages (of the first person) at which to report the after-tax estate, besides the horizon.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub estate_at_ages: Vec<u32>,
    /// How market risk is simulated: which return paths, how many, and the random seed. Plans
    /// saved before simulation existed load with the defaults.
    #[serde(default, skip_serializing_if = "Simulation::is_default")]
    pub simulation: Simulation,
    /// When in the year the household draws from its accounts: at the start (before the year's
    /// returns) or at the end (after them). Plans saved before this setting draw at the start.
    #[serde(default, skip_serializing_if = "WithdrawalTiming::is_start")]
    pub withdrawals: WithdrawalTiming,
    /// Required minimum distributions: current law (SECURE 2.0 start ages) unless a study's
    /// own rule is set.
    #[serde(default, skip_serializing_if = "RmdRule::is_current_law")]
    pub rmd: RmdRule,
    /// Leave Medicare's IRMAA surcharges out of every year (as tools without them do, to compare
    /// like with like). Plans saved before it load with the surcharges in.
    #[serde(default, skip_serializing_if = "is_false")]
    pub ignore_irmaa: bool,
}

/// The market-risk simulation a plan asks for. The seed is part of the plan so that the same
/// plan gives the same figures on every run and every machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simulation {
    #[serde(default)]
    pub mode: PathMode,
    /// Number of paths drawn by the bootstrap and Monte Carlo modes (historical paths are one
    /// per start year; constant returns are one path).
    #[serde(default = "default_paths")]
    pub paths: u32,
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// First year of history the historical and bootstrap modes use (the data's first when
    /// unset). Historical paths loop back to it after `to`, as the classic studies loop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i32>,
    /// Last year of history used (the data's last when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i32>,
    /// A CSV of yearly returns (`year,stocks,bonds,cash,inflation`, decimals) to use instead of
    /// the shipped US history, for the historical and bootstrap modes. A relative path is read
    /// from the directory drawdown runs in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns_file: Option<String>,
    /// How long the people live on each path: to their planning ages (the default), or for a
    /// lifetime drawn per path from the SSA life table (never past the planning age), so that a
    /// path counts only the years someone is alive.
    #[serde(default, skip_serializing_if = "Lifetimes::is_planning")]
    pub lifetimes: Lifetimes,
}

/// Whose lifetimes a simulation runs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lifetimes {
    /// Everyone lives to their planning age on every path.
    #[default]
    PlanningAges,
    /// Each path draws each person's year of death from the life table (their sex and
    /// mortality multiplier), at the latest the year of their planning age.
    Sampled,
}

impl Lifetimes {
    pub fn is_planning(&self) -> bool {
        *self == Lifetimes::PlanningAges
    }
}

fn default_paths() -> u32 {
    10_000
}
fn default_seed() -> u64 {
    42
}

impl Default for Simulation {
    fn default() -> Simulation {
        Simulation {
            mode: PathMode::default(),
            paths: default_paths(),
            seed: default_seed(),
            from: None,
            to: None,
            returns_file: None,
            lifetimes: Lifetimes::PlanningAges,
        }
    }
}

impl Simulation {
    pub fn is_default(&self) -> bool {
        *self == Simulation::default()
    }
}

/// When in the year the household draws from its accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum WithdrawalTiming {
    /// Draws come out on 1 January, before the year's returns (what drawdown always did).
    #[default]
    StartOfYear,
    /// The year's returns first, then the draws on 31 December.
    EndOfYear,
}

impl WithdrawalTiming {
    pub fn is_start(&self) -> bool {
        *self == WithdrawalTiming::StartOfYear
    }
}

/// Which rule sets required minimum distributions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum RmdRule {
    /// Start ages by birth year under SECURE 2.0 (72, 73 or 75), Uniform Lifetime Table.
    #[default]
    CurrentLaw,
    /// A study's rule: RMDs from the year the owner reaches `start_age` (the classic studies'
    /// 70 1/2 is 70 here: drawdown counts ages in whole years), by the chosen table.
    Study { start_age: u32, table: RmdTable },
}

impl RmdRule {
    pub fn is_current_law(&self) -> bool {
        *self == RmdRule::CurrentLaw
    }
}

/// The IRS life-expectancy table an RMD rule divides by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RmdTable {
    /// Uniform Lifetime Table (Pub. 590-B Table III): today's table for almost every owner.
    #[default]
    UniformLifetime,
    /// Single Life Table (Pub. 590-B Table I), the owner's own age each year: a shorter period,
    /// larger distributions.
    SingleLife,
}

/// Where each simulated year's returns and inflation come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub enum PathMode {
    /// The plan's own constant returns and inflation: one path, today's deterministic figures.
    Constant,
    /// US history from 1928: one path per start year, looping back to 1928 after the last year,
    /// as the classic withdrawal studies do.
    #[default]
    Historical,
    /// Blocks of consecutive historical years drawn at random (keeps runs of good and bad years).
    Bootstrap { block_years: u32 },
    /// Lognormal stock and bond returns with these arithmetic means and volatilities and this
    /// correlation; inflation normal. Cash earns the year's inflation plus the plan's real cash
    /// rate (never below zero).
    MonteCarlo {
        #[serde(with = "serde_dec")]
        stocks_mean: Decimal,
        #[serde(with = "serde_dec")]
        stocks_vol: Decimal,
        #[serde(with = "serde_dec")]
        bonds_mean: Decimal,
        #[serde(with = "serde_dec")]
        bonds_vol: Decimal,
        #[serde(with = "serde_dec")]
        correlation: Decimal,
        #[serde(with = "serde_dec")]
        inflation_mean: Decimal,
        #[serde(with = "serde_dec")]
        inflation_vol: Decimal,
    },
}

impl PathMode {
    /// Five-year blocks: long enough to keep most of history's runs of good and bad years.
    pub fn bootstrap_default() -> PathMode {
        PathMode::Bootstrap { block_years: 5 }
    }

    /// The moments of the 1928–2025 history, rounded: stocks 12% ± 19%, bonds 5% ± 8%,
    /// uncorrelated, inflation 3% ± 4%.
    pub fn monte_carlo_default() -> PathMode {
        PathMode::MonteCarlo {
            stocks_mean: dec!(0.12),
            stocks_vol: dec!(0.19),
            bonds_mean: dec!(0.05),
            bonds_vol: dec!(0.08),
            correlation: dec!(0),
            inflation_mean: dec!(0.03),
            inflation_vol: dec!(0.04),
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            PathMode::Constant => "constant",
            PathMode::Historical => "historical",
            PathMode::Bootstrap { .. } => "bootstrap",
            PathMode::MonteCarlo { .. } => "Monte Carlo",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorMagi {
    #[serde(with = "serde_dec")]
    pub two_years_before: Decimal,
    #[serde(with = "serde_dec")]
    pub one_year_before: Decimal,
}

/// Nominal yearly returns before tax.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Returns {
    /// Every account earns the same rate.
    Constant {
        #[serde(with = "serde_dec")]
        nominal: Decimal,
    },
    /// Each account earns its stock/bond mix of these; cash earns `cash`.
    ByAssetClass {
        #[serde(with = "serde_dec")]
        stocks: Decimal,
        #[serde(with = "serde_dec")]
        bonds: Decimal,
        #[serde(with = "serde_dec")]
        cash: Decimal,
    },
}

/// The calendar year a person born in `birth_year` reaches `age` (saturating: a file may hold
/// any numbers, and this is asked before validation has looked at them).
pub fn last_year(birth_year: i32, age: u32) -> i32 {
    i32::try_from(i64::from(birth_year) + i64::from(age)).unwrap_or(i32::MAX)
}

impl Plan {
    /// Where the household lives in `year`: the plan's state, or the last move made by then.
    pub fn residence_in(&self, year: i32) -> StateResidence {
        match self.moves.iter().rev().find(|m| m.year <= year) {
            Some(m) => StateResidence::Resident {
                code: m.state.clone(),
            },
            None => self.state.clone(),
        }
    }

    /// A caution for two people who do not file one joint return. The engine taxes a household
    /// on one return, so a married couple filing separately, or an unmarried couple each filing
    /// single or as head of household, is taxed as one return of their combined income at that
    /// status's brackets: the tax (and a separate filer's IRMAA) comes out too high. Two returns
    /// are not modelled; `None` for a joint return or one person.
    pub fn one_return_caution(&self) -> Option<String> {
        if self.people.len() < 2 || self.filing == Filing::Mfj {
            return None;
        }
        let status = match self.filing {
            Filing::Mfs => "separate",
            Filing::Hoh => "head-of-household",
            _ => "single",
        };
        Some(format!(
            "Tax too high: both incomes taxed on one {status} return"
        ))
    }

    /// The last calendar year of the plan: the later of the years in which each person reaches
    /// their planning age.
    pub fn end_year(&self) -> i32 {
        self.people
            .iter()
            .map(|p| last_year(p.birth_year, p.planning_age))
            .max()
            .unwrap_or(self.assumptions.start_year)
            .max(self.assumptions.start_year)
    }

    /// Number of years projected.
    pub fn horizon_years(&self) -> usize {
        let years = i64::from(self.end_year()) - i64::from(self.assumptions.start_year) + 1;
        usize::try_from(years).unwrap_or(0)
    }

    pub fn total_balance(&self) -> Decimal {
        self.accounts.iter().map(Account::balance).sum()
    }

    pub fn balance_of(&self, kind: AccountKind) -> Decimal {
        self.accounts
            .iter()
            .filter(|a| a.kind() == kind)
            .map(Account::balance)
            .sum()
    }

    /// A one-line description for file lists.
    pub fn summary(&self) -> String {
        let people: Vec<String> = self
            .people
            .iter()
            .map(|p| {
                let age = i64::from(self.assumptions.start_year) - i64::from(p.birth_year);
                format!("{} {age}", p.name)
            })
            .collect();
        format!(
            "{}; {} in {} accounts; spend {}/yr",
            people.join(" & "),
            crate::money::format_compact(self.total_balance()),
            self.accounts.len(),
            crate::money::format_compact(self.spending.annual)
        )
    }
}
