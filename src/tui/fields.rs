//! The editable form: which rows each pane shows, how a field reads from a plan, and how text
//! typed into it becomes a new plan (or the reason it cannot).

use crate::money::{format_dollars, format_rate, parse_money, parse_rate};
use crate::plan::{
    Account, AccountKind, OneOff, OtherIncome, PathMode, Pension, Person, Plan, Returns,
    SocialSecurity, SpendingChange, Wage, validate,
};
use crate::tax::{Filing, LawMode};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// The four editing panes on the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    People,
    Accounts,
    Income,
    Spending,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::People, Pane::Accounts, Pane::Income, Pane::Spending];

    pub fn title(self) -> &'static str {
        match self {
            Pane::People => "People",
            Pane::Accounts => "Accounts",
            Pane::Income => "Income",
            Pane::Spending => "Spending & assumptions",
        }
    }
}

/// What a field edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    PlanName,
    PersonName(usize),
    BirthYear(usize),
    PlanningAge(usize),
    FilingStatus,
    HeirsRate,
    StateRate,
    StateExemptSocialSecurity,
    StateExemptRetirement,
    AccountName(usize),
    Balance(usize),
    CostBasis(usize),
    DividendYield(usize),
    StockShare(usize),
    Owner(usize),
    SsBenefit(usize),
    SsClaimAge(usize),
    PensionAmount(usize),
    PensionStart(usize),
    PensionCola(usize),
    PensionSurvivor(usize),
    WageAmount(usize),
    WageUntil(usize),
    OtherName(usize),
    OtherAmount(usize),
    OtherFrom(usize),
    OtherTo(usize),
    SpendAnnual,
    SurvivorShare,
    ChangeAge(usize),
    ChangeAnnual(usize),
    OneOffYear(usize),
    OneOffAmount(usize),
    StartYear,
    Inflation,
    ReturnsMode,
    ReturnNominal,
    ReturnStocks,
    ReturnBonds,
    ReturnCash,
    TaxLawMode,
    FlatOrdinary,
    FlatGains,
    RateChangeFrom,
    RateChangePoints,
    SimMode,
    SimPaths,
    SimSeed,
    BlockYears,
    McStocksMean,
    McStocksVol,
    McBondsMean,
    McBondsVol,
    McCorrelation,
    McInflationMean,
    McInflationVol,
}

/// How a field's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Money,
    Rate,
    Whole,
    Text,
    /// A fixed set of values, stepped with Enter, Space or ←/→.
    Choice,
}

/// Rows that do something rather than hold a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    AddPerson,
    AddAccount(AccountKind),
    AddSocialSecurity,
    AddPension,
    AddWage,
    AddOther,
    AddSpendingChange,
    AddOneOff,
}

impl Command {
    pub fn label(self) -> &'static str {
        match self {
            Command::AddPerson => "+ add a second person",
            Command::AddAccount(AccountKind::Taxable) => "+ add taxable account",
            Command::AddAccount(AccountKind::Deferred) => "+ add tax-deferred account",
            Command::AddAccount(AccountKind::Roth) => "+ add Roth account",
            Command::AddAccount(AccountKind::Cash) => "+ add cash account",
            Command::AddSocialSecurity => "+ add Social Security",
            Command::AddPension => "+ add pension",
            Command::AddWage => "+ add wages",
            Command::AddOther => "+ add other income",
            Command::AddSpendingChange => "+ add spending change",
            Command::AddOneOff => "+ add one-off expense",
        }
    }
}

/// One line of a pane.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Section(String),
    Field { label: String, target: Target },
    Command(Command),
}

impl Row {
    pub fn selectable(&self) -> bool {
        !matches!(self, Row::Section(_))
    }
}

/// Something in the plan that a whole group of rows belongs to, removable with `d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Person(usize),
    Account(usize),
    SocialSecurity(usize),
    Pension(usize),
    Wage(usize),
    Other(usize),
    SpendingChange(usize),
    OneOff(usize),
}

fn field(label: impl Into<String>, target: Target) -> Row {
    Row::Field {
        label: label.into(),
        target,
    }
}

fn person_name(plan: &Plan, i: usize) -> String {
    plan.people
        .get(i)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| format!("Person {}", i + 1))
}

/// The rows of a pane for a plan.
pub fn rows(pane: Pane, plan: &Plan) -> Vec<Row> {
    let mut r = Vec::new();
    match pane {
        Pane::People => {
            r.push(field("Plan name", Target::PlanName));
            for (i, p) in plan.people.iter().enumerate() {
                r.push(Row::Section(format!("Person {}: {}", i + 1, p.name)));
                r.push(field("Name", Target::PersonName(i)));
                r.push(field("Birth year", Target::BirthYear(i)));
                r.push(field("Planning age", Target::PlanningAge(i)));
            }
            if plan.people.len() < 2 {
                r.push(Row::Command(Command::AddPerson));
            }
            r.push(Row::Section("Taxes".into()));
            r.push(field("Filing status", Target::FilingStatus));
            r.push(field("State tax rate", Target::StateRate));
            r.push(field("State exempts SS", Target::StateExemptSocialSecurity));
            r.push(field(
                "State exempts pensions/IRA",
                Target::StateExemptRetirement,
            ));
            r.push(field("Heirs' tax rate", Target::HeirsRate));
        }
        Pane::Accounts => {
            for (i, a) in plan.accounts.iter().enumerate() {
                r.push(Row::Section(format!("{} ({})", a.name(), a.kind().label())));
                r.push(field("Name", Target::AccountName(i)));
                r.push(field("Balance", Target::Balance(i)));
                match a {
                    Account::Taxable { .. } => {
                        r.push(field("Cost basis", Target::CostBasis(i)));
                        r.push(field("Dividend yield", Target::DividendYield(i)));
                        r.push(field("Stocks share", Target::StockShare(i)));
                    }
                    Account::Deferred { .. } | Account::Roth { .. } => {
                        r.push(field("Owner", Target::Owner(i)));
                        r.push(field("Stocks share", Target::StockShare(i)));
                    }
                    Account::Cash { .. } => {}
                }
            }
            for kind in [
                AccountKind::Taxable,
                AccountKind::Deferred,
                AccountKind::Roth,
                AccountKind::Cash,
            ] {
                r.push(Row::Command(Command::AddAccount(kind)));
            }
        }
        Pane::Income => {
            for (i, s) in plan.income.social_security.iter().enumerate() {
                r.push(Row::Section(format!(
                    "Social Security: {}",
                    person_name(plan, s.person)
                )));
                r.push(field("Benefit at FRA /yr", Target::SsBenefit(i)));
                r.push(field("Claiming age", Target::SsClaimAge(i)));
            }
            if plan.income.social_security.len() < plan.people.len() {
                r.push(Row::Command(Command::AddSocialSecurity));
            }
            for (i, p) in plan.income.pensions.iter().enumerate() {
                r.push(Row::Section(format!(
                    "Pension: {}",
                    person_name(plan, p.person)
                )));
                r.push(field("Amount /yr", Target::PensionAmount(i)));
                r.push(field("Starts at age", Target::PensionStart(i)));
                r.push(field("COLA", Target::PensionCola(i)));
                r.push(field("Survivor share", Target::PensionSurvivor(i)));
            }
            r.push(Row::Command(Command::AddPension));
            for (i, w) in plan.income.wages.iter().enumerate() {
                r.push(Row::Section(format!(
                    "Wages: {}",
                    person_name(plan, w.person)
                )));
                r.push(field("Amount /yr (today)", Target::WageAmount(i)));
                r.push(field("Until age", Target::WageUntil(i)));
            }
            r.push(Row::Command(Command::AddWage));
            for (i, _) in plan.income.other.iter().enumerate() {
                r.push(Row::Section("Other income".into()));
                r.push(field("Name", Target::OtherName(i)));
                r.push(field("Amount /yr (today)", Target::OtherAmount(i)));
                r.push(field("From year", Target::OtherFrom(i)));
                r.push(field("To year", Target::OtherTo(i)));
            }
            r.push(Row::Command(Command::AddOther));
        }
        Pane::Spending => {
            r.push(Row::Section("Spending (after tax, today's $)".into()));
            r.push(field("Yearly need", Target::SpendAnnual));
            r.push(field("Survivor share", Target::SurvivorShare));
            for (i, _) in plan.spending.changes.iter().enumerate() {
                r.push(field("Changes at age", Target::ChangeAge(i)));
                r.push(field("  to /yr", Target::ChangeAnnual(i)));
            }
            r.push(Row::Command(Command::AddSpendingChange));
            for (i, _) in plan.spending.one_offs.iter().enumerate() {
                r.push(field("One-off in year", Target::OneOffYear(i)));
                r.push(field("  amount", Target::OneOffAmount(i)));
            }
            r.push(Row::Command(Command::AddOneOff));
            r.push(Row::Section("Assumptions".into()));
            r.push(field("Start year", Target::StartYear));
            r.push(field("Inflation", Target::Inflation));
            r.push(field("Returns", Target::ReturnsMode));
            match plan.assumptions.returns {
                Returns::Constant { .. } => r.push(field("  nominal", Target::ReturnNominal)),
                Returns::ByAssetClass { .. } => {
                    r.push(field("  stocks", Target::ReturnStocks));
                    r.push(field("  bonds", Target::ReturnBonds));
                    r.push(field("  cash", Target::ReturnCash));
                }
            }
            r.push(field("Tax law", Target::TaxLawMode));
            match plan.assumptions.tax_law {
                LawMode::CurrentLaw => {}
                LawMode::FlatRates { .. } => {
                    r.push(field("  ordinary rate", Target::FlatOrdinary));
                    r.push(field("  gains rate", Target::FlatGains));
                }
                LawMode::RateChange { .. } => {
                    r.push(field("  from year", Target::RateChangeFrom));
                    r.push(field("  change (points)", Target::RateChangePoints));
                }
            }
            r.push(Row::Section("Market risk (r shows the wealth fan)".into()));
            r.push(field("Market paths", Target::SimMode));
            let sim = &plan.assumptions.simulation;
            match sim.mode {
                PathMode::Constant | PathMode::Historical => {}
                PathMode::Bootstrap { .. } => {
                    r.push(field("  paths", Target::SimPaths));
                    r.push(field("  block years", Target::BlockYears));
                    r.push(field("  seed", Target::SimSeed));
                }
                PathMode::MonteCarlo { .. } => {
                    r.push(field("  paths", Target::SimPaths));
                    r.push(field("  stocks mean", Target::McStocksMean));
                    r.push(field("  stocks volatility", Target::McStocksVol));
                    r.push(field("  bonds mean", Target::McBondsMean));
                    r.push(field("  bonds volatility", Target::McBondsVol));
                    r.push(field("  correlation", Target::McCorrelation));
                    r.push(field("  inflation mean", Target::McInflationMean));
                    r.push(field("  inflation volatility", Target::McInflationVol));
                    r.push(field("  seed", Target::SimSeed));
                }
            }
        }
    }
    r
}

/// How a field's text is read.
pub fn kind(target: Target) -> Kind {
    use Target::*;
    match target {
        PlanName | PersonName(_) | AccountName(_) | OtherName(_) => Kind::Text,
        BirthYear(_) | PlanningAge(_) | SsClaimAge(_) | PensionStart(_) | WageUntil(_)
        | OtherFrom(_) | OtherTo(_) | ChangeAge(_) | OneOffYear(_) | StartYear | RateChangeFrom => {
            Kind::Whole
        }
        FilingStatus
        | StateExemptSocialSecurity
        | StateExemptRetirement
        | Owner(_)
        | ReturnsMode
        | TaxLawMode => Kind::Choice,
        HeirsRate | StateRate | DividendYield(_) | StockShare(_) | PensionCola(_)
        | PensionSurvivor(_) | SurvivorShare | Inflation | ReturnNominal | ReturnStocks
        | ReturnBonds | ReturnCash | FlatOrdinary | FlatGains => Kind::Rate,
        RateChangePoints => Kind::Whole,
        SimMode => Kind::Choice,
        SimPaths | SimSeed | BlockYears => Kind::Whole,
        McStocksMean | McStocksVol | McBondsMean | McBondsVol | McCorrelation | McInflationMean
        | McInflationVol => Kind::Rate,
        Balance(_) | CostBasis(_) | SsBenefit(_) | PensionAmount(_) | WageAmount(_)
        | OtherAmount(_) | SpendAnnual | ChangeAnnual(_) | OneOffAmount(_) => Kind::Money,
    }
}

/// The field path validation uses, to match its messages to the field.
pub fn path(target: Target) -> String {
    use Target::*;
    match target {
        PlanName => "name".into(),
        PersonName(i) => format!("people[{i}].name"),
        BirthYear(i) => format!("people[{i}].birth_year"),
        PlanningAge(i) => format!("people[{i}].planning_age"),
        FilingStatus => "filing".into(),
        HeirsRate => "heirs_rate".into(),
        StateRate => "state.rate".into(),
        StateExemptSocialSecurity => "state.exempt_social_security".into(),
        StateExemptRetirement => "state.exempt_retirement".into(),
        AccountName(i) => format!("accounts[{i}].name"),
        Balance(i) => format!("accounts[{i}].balance"),
        CostBasis(i) => format!("accounts[{i}].cost_basis"),
        DividendYield(i) => format!("accounts[{i}].dividend_yield"),
        StockShare(i) => format!("accounts[{i}].stock_share"),
        Owner(i) => format!("accounts[{i}].owner"),
        SsBenefit(i) => format!("income.social_security[{i}].fra_benefit"),
        SsClaimAge(i) => format!("income.social_security[{i}].claim_age"),
        PensionAmount(i) => format!("income.pensions[{i}].amount"),
        PensionStart(i) => format!("income.pensions[{i}].start_age"),
        PensionCola(i) => format!("income.pensions[{i}].cola"),
        PensionSurvivor(i) => format!("income.pensions[{i}].survivor_share"),
        WageAmount(i) => format!("income.wages[{i}].amount"),
        WageUntil(i) => format!("income.wages[{i}].until_age"),
        OtherName(i) => format!("income.other[{i}].name"),
        OtherAmount(i) => format!("income.other[{i}].amount"),
        OtherFrom(i) => format!("income.other[{i}].from_year"),
        OtherTo(i) => format!("income.other[{i}].to_year"),
        SpendAnnual => "spending.annual".into(),
        SurvivorShare => "spending.survivor_share".into(),
        ChangeAge(i) => format!("spending.changes[{i}].at_age"),
        ChangeAnnual(i) => format!("spending.changes[{i}].annual"),
        OneOffYear(i) => format!("spending.one_offs[{i}].year"),
        OneOffAmount(i) => format!("spending.one_offs[{i}].amount"),
        StartYear => "assumptions.start_year".into(),
        Inflation => "assumptions.inflation".into(),
        ReturnsMode => "assumptions.returns".into(),
        ReturnNominal => "assumptions.returns.nominal".into(),
        ReturnStocks => "assumptions.returns.stocks".into(),
        ReturnBonds => "assumptions.returns.bonds".into(),
        ReturnCash => "assumptions.returns.cash".into(),
        TaxLawMode => "assumptions.tax_law".into(),
        FlatOrdinary => "assumptions.tax_law.ordinary".into(),
        FlatGains => "assumptions.tax_law.gains".into(),
        RateChangeFrom => "assumptions.tax_law.from_year".into(),
        RateChangePoints => "assumptions.tax_law.points".into(),
        SimMode => "assumptions.simulation.mode".into(),
        SimPaths => "assumptions.simulation.paths".into(),
        SimSeed => "assumptions.simulation.seed".into(),
        BlockYears => "assumptions.simulation.mode.block_years".into(),
        McStocksMean => "assumptions.simulation.mode.stocks_mean".into(),
        McStocksVol => "assumptions.simulation.mode.stocks_vol".into(),
        McBondsMean => "assumptions.simulation.mode.bonds_mean".into(),
        McBondsVol => "assumptions.simulation.mode.bonds_vol".into(),
        McCorrelation => "assumptions.simulation.mode.correlation".into(),
        McInflationMean => "assumptions.simulation.mode.inflation_mean".into(),
        McInflationVol => "assumptions.simulation.mode.inflation_vol".into(),
    }
}

/// Which removable item a field belongs to.
pub fn item(target: Target) -> Option<Item> {
    use Target::*;
    Some(match target {
        PersonName(i) | BirthYear(i) | PlanningAge(i) => Item::Person(i),
        AccountName(i) | Balance(i) | CostBasis(i) | DividendYield(i) | StockShare(i)
        | Owner(i) => Item::Account(i),
        SsBenefit(i) | SsClaimAge(i) => Item::SocialSecurity(i),
        PensionAmount(i) | PensionStart(i) | PensionCola(i) | PensionSurvivor(i) => {
            Item::Pension(i)
        }
        WageAmount(i) | WageUntil(i) => Item::Wage(i),
        OtherName(i) | OtherAmount(i) | OtherFrom(i) | OtherTo(i) => Item::Other(i),
        ChangeAge(i) | ChangeAnnual(i) => Item::SpendingChange(i),
        OneOffYear(i) | OneOffAmount(i) => Item::OneOff(i),
        _ => return None,
    })
}

/// Whole dollars, or dollars and cents when there are cents.
pub fn money_text(d: Decimal) -> String {
    if d.fract().is_zero() {
        format_dollars(d)
    } else {
        crate::money::format_cents(d)
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes".into() } else { "no".into() }
}

fn returns_label(r: &Returns) -> String {
    match r {
        Returns::Constant { .. } => "one constant rate".into(),
        Returns::ByAssetClass { .. } => "by asset class".into(),
    }
}

fn law_label(l: &LawMode) -> String {
    match l {
        LawMode::CurrentLaw => "current law".into(),
        LawMode::FlatRates { .. } => "flat rates".into(),
        LawMode::RateChange { .. } => "current law, rates changed".into(),
    }
}

/// The field's value as text (what an edit starts from).
pub fn text(target: Target, plan: &Plan) -> String {
    use Target::*;
    let money = money_text;
    let rate = format_rate;
    let a = |i: usize| plan.accounts.get(i);
    let missing = String::new;
    match target {
        PlanName => plan.name.clone(),
        PersonName(i) => plan
            .people
            .get(i)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        BirthYear(i) => plan
            .people
            .get(i)
            .map(|p| p.birth_year.to_string())
            .unwrap_or_default(),
        PlanningAge(i) => plan
            .people
            .get(i)
            .map(|p| p.planning_age.to_string())
            .unwrap_or_default(),
        FilingStatus => plan.filing.label().to_string(),
        HeirsRate => rate(plan.heirs_rate),
        StateRate => rate(plan.state.custom_tax().unwrap_or_default().rate),
        StateExemptSocialSecurity => yes_no(
            plan.state
                .custom_tax()
                .unwrap_or_default()
                .exempt_social_security,
        ),
        StateExemptRetirement => yes_no(
            plan.state
                .custom_tax()
                .unwrap_or_default()
                .exempt_retirement,
        ),
        AccountName(i) => a(i).map(|a| a.name().to_string()).unwrap_or_else(missing),
        Balance(i) => a(i).map(|a| money(a.balance())).unwrap_or_else(missing),
        CostBasis(i) => match a(i) {
            Some(Account::Taxable { cost_basis, .. }) => money(*cost_basis),
            _ => missing(),
        },
        DividendYield(i) => match a(i) {
            Some(Account::Taxable { dividend_yield, .. }) => rate(*dividend_yield),
            _ => missing(),
        },
        StockShare(i) => a(i).map(|a| rate(a.stock_share())).unwrap_or_else(missing),
        Owner(i) => a(i)
            .and_then(|a| a.owner())
            .map(|o| person_name(plan, o))
            .unwrap_or_else(missing),
        SsBenefit(i) => plan
            .income
            .social_security
            .get(i)
            .map(|s| money(s.fra_benefit))
            .unwrap_or_else(missing),
        SsClaimAge(i) => plan
            .income
            .social_security
            .get(i)
            .map(|s| s.claim_age.to_string())
            .unwrap_or_else(missing),
        PensionAmount(i) => plan
            .income
            .pensions
            .get(i)
            .map(|p| money(p.amount))
            .unwrap_or_else(missing),
        PensionStart(i) => plan
            .income
            .pensions
            .get(i)
            .map(|p| p.start_age.to_string())
            .unwrap_or_else(missing),
        PensionCola(i) => plan
            .income
            .pensions
            .get(i)
            .map(|p| rate(p.cola))
            .unwrap_or_else(missing),
        PensionSurvivor(i) => plan
            .income
            .pensions
            .get(i)
            .map(|p| rate(p.survivor_share))
            .unwrap_or_else(missing),
        WageAmount(i) => plan
            .income
            .wages
            .get(i)
            .map(|w| money(w.amount))
            .unwrap_or_else(missing),
        WageUntil(i) => plan
            .income
            .wages
            .get(i)
            .map(|w| w.until_age.to_string())
            .unwrap_or_else(missing),
        OtherName(i) => plan
            .income
            .other
            .get(i)
            .map(|o| o.name.clone())
            .unwrap_or_else(missing),
        OtherAmount(i) => plan
            .income
            .other
            .get(i)
            .map(|o| money(o.amount))
            .unwrap_or_else(missing),
        OtherFrom(i) => plan
            .income
            .other
            .get(i)
            .map(|o| o.from_year.to_string())
            .unwrap_or_else(missing),
        OtherTo(i) => plan
            .income
            .other
            .get(i)
            .map(|o| o.to_year.to_string())
            .unwrap_or_else(missing),
        SpendAnnual => money(plan.spending.annual),
        SurvivorShare => rate(plan.spending.survivor_share),
        ChangeAge(i) => plan
            .spending
            .changes
            .get(i)
            .map(|c| c.at_age.to_string())
            .unwrap_or_else(missing),
        ChangeAnnual(i) => plan
            .spending
            .changes
            .get(i)
            .map(|c| money(c.annual))
            .unwrap_or_else(missing),
        OneOffYear(i) => plan
            .spending
            .one_offs
            .get(i)
            .map(|o| o.year.to_string())
            .unwrap_or_else(missing),
        OneOffAmount(i) => plan
            .spending
            .one_offs
            .get(i)
            .map(|o| money(o.amount))
            .unwrap_or_else(missing),
        StartYear => plan.assumptions.start_year.to_string(),
        Inflation => rate(plan.assumptions.inflation),
        ReturnsMode => returns_label(&plan.assumptions.returns),
        ReturnNominal => match plan.assumptions.returns {
            Returns::Constant { nominal } => rate(nominal),
            _ => missing(),
        },
        ReturnStocks | ReturnBonds | ReturnCash => match plan.assumptions.returns {
            Returns::ByAssetClass {
                stocks,
                bonds,
                cash,
            } => rate(match target {
                ReturnStocks => stocks,
                ReturnBonds => bonds,
                _ => cash,
            }),
            _ => missing(),
        },
        TaxLawMode => law_label(&plan.assumptions.tax_law),
        FlatOrdinary | FlatGains => match &plan.assumptions.tax_law {
            LawMode::FlatRates {
                ordinary, gains, ..
            } => rate(if target == FlatOrdinary {
                *ordinary
            } else {
                *gains
            }),
            _ => missing(),
        },
        RateChangeFrom | RateChangePoints => match &plan.assumptions.tax_law {
            LawMode::RateChange { from_year, points } => {
                if target == RateChangeFrom {
                    from_year.to_string()
                } else {
                    format!("{points:+}")
                }
            }
            _ => missing(),
        },
        SimMode => plan.assumptions.simulation.mode.label().to_string(),
        SimPaths => plan.assumptions.simulation.paths.to_string(),
        SimSeed => plan.assumptions.simulation.seed.to_string(),
        BlockYears => match plan.assumptions.simulation.mode {
            PathMode::Bootstrap { block_years } => block_years.to_string(),
            _ => missing(),
        },
        McStocksMean | McStocksVol | McBondsMean | McBondsVol | McCorrelation | McInflationMean
        | McInflationVol => match monte_carlo_slot(&plan.assumptions.simulation.mode, target) {
            Some(v) => rate(v),
            None => missing(),
        },
    }
}

/// One Monte Carlo parameter, by field.
fn monte_carlo_slot(mode: &PathMode, target: Target) -> Option<Decimal> {
    let mut m = mode.clone();
    monte_carlo_slot_mut(&mut m, target).map(|v| *v)
}

fn monte_carlo_slot_mut(mode: &mut PathMode, target: Target) -> Option<&mut Decimal> {
    use Target::*;
    match mode {
        PathMode::MonteCarlo {
            stocks_mean,
            stocks_vol,
            bonds_mean,
            bonds_vol,
            correlation,
            inflation_mean,
            inflation_vol,
        } => Some(match target {
            McStocksMean => stocks_mean,
            McStocksVol => stocks_vol,
            McBondsMean => bonds_mean,
            McBondsVol => bonds_vol,
            McCorrelation => correlation,
            McInflationMean => inflation_mean,
            McInflationVol => inflation_vol,
            _ => return None,
        }),
        _ => None,
    }
}

fn whole<T: std::str::FromStr>(input: &str) -> Result<T, String> {
    input
        .trim()
        .parse::<T>()
        .map_err(|_| format!("'{}' is not a whole number", input.trim()))
}

fn money_in(input: &str) -> Result<Decimal, String> {
    parse_money(input).map_err(|e| e.to_string())
}

fn rate_in(input: &str) -> Result<Decimal, String> {
    parse_rate(input).map_err(|e| e.to_string())
}

/// Sets the field from typed text; the result is checked by [`apply`].
fn set(target: Target, plan: &mut Plan, input: &str) -> Result<(), String> {
    use Target::*;
    let gone = || "this item no longer exists".to_string();
    match target {
        PlanName => plan.name = input.trim().to_string(),
        PersonName(i) => plan.people.get_mut(i).ok_or_else(gone)?.name = input.trim().into(),
        BirthYear(i) => plan.people.get_mut(i).ok_or_else(gone)?.birth_year = whole(input)?,
        PlanningAge(i) => plan.people.get_mut(i).ok_or_else(gone)?.planning_age = whole(input)?,
        HeirsRate => plan.heirs_rate = rate_in(input)?,
        StateRate => {
            let r = rate_in(input)?;
            plan.state.edit_custom(|t| t.rate = r);
        }
        AccountName(i) => {
            let name = input.trim().to_string();
            match plan.accounts.get_mut(i).ok_or_else(gone)? {
                Account::Taxable { name: n, .. }
                | Account::Deferred { name: n, .. }
                | Account::Roth { name: n, .. }
                | Account::Cash { name: n, .. } => *n = name,
            }
        }
        Balance(i) => *plan.accounts.get_mut(i).ok_or_else(gone)?.balance_mut() = money_in(input)?,
        CostBasis(i) => match plan.accounts.get_mut(i) {
            Some(Account::Taxable { cost_basis, .. }) => *cost_basis = money_in(input)?,
            _ => return Err(gone()),
        },
        DividendYield(i) => match plan.accounts.get_mut(i) {
            Some(Account::Taxable { dividend_yield, .. }) => *dividend_yield = rate_in(input)?,
            _ => return Err(gone()),
        },
        StockShare(i) => match plan.accounts.get_mut(i) {
            Some(
                Account::Taxable { stock_share, .. }
                | Account::Deferred { stock_share, .. }
                | Account::Roth { stock_share, .. },
            ) => *stock_share = rate_in(input)?,
            _ => return Err(gone()),
        },
        SsBenefit(i) => {
            plan.income
                .social_security
                .get_mut(i)
                .ok_or_else(gone)?
                .fra_benefit = money_in(input)?
        }
        SsClaimAge(i) => {
            plan.income
                .social_security
                .get_mut(i)
                .ok_or_else(gone)?
                .claim_age = whole(input)?
        }
        PensionAmount(i) => {
            plan.income.pensions.get_mut(i).ok_or_else(gone)?.amount = money_in(input)?
        }
        PensionStart(i) => {
            plan.income.pensions.get_mut(i).ok_or_else(gone)?.start_age = whole(input)?
        }
        PensionCola(i) => plan.income.pensions.get_mut(i).ok_or_else(gone)?.cola = rate_in(input)?,
        PensionSurvivor(i) => {
            plan.income
                .pensions
                .get_mut(i)
                .ok_or_else(gone)?
                .survivor_share = rate_in(input)?
        }
        WageAmount(i) => plan.income.wages.get_mut(i).ok_or_else(gone)?.amount = money_in(input)?,
        WageUntil(i) => plan.income.wages.get_mut(i).ok_or_else(gone)?.until_age = whole(input)?,
        OtherName(i) => plan.income.other.get_mut(i).ok_or_else(gone)?.name = input.trim().into(),
        OtherAmount(i) => plan.income.other.get_mut(i).ok_or_else(gone)?.amount = money_in(input)?,
        OtherFrom(i) => plan.income.other.get_mut(i).ok_or_else(gone)?.from_year = whole(input)?,
        OtherTo(i) => plan.income.other.get_mut(i).ok_or_else(gone)?.to_year = whole(input)?,
        SpendAnnual => plan.spending.annual = money_in(input)?,
        SurvivorShare => plan.spending.survivor_share = rate_in(input)?,
        ChangeAge(i) => plan.spending.changes.get_mut(i).ok_or_else(gone)?.at_age = whole(input)?,
        ChangeAnnual(i) => {
            plan.spending.changes.get_mut(i).ok_or_else(gone)?.annual = money_in(input)?
        }
        OneOffYear(i) => plan.spending.one_offs.get_mut(i).ok_or_else(gone)?.year = whole(input)?,
        OneOffAmount(i) => {
            plan.spending.one_offs.get_mut(i).ok_or_else(gone)?.amount = money_in(input)?
        }
        StartYear => plan.assumptions.start_year = whole(input)?,
        Inflation => plan.assumptions.inflation = rate_in(input)?,
        ReturnNominal => match &mut plan.assumptions.returns {
            Returns::Constant { nominal } => *nominal = rate_in(input)?,
            _ => return Err(gone()),
        },
        ReturnStocks | ReturnBonds | ReturnCash => match &mut plan.assumptions.returns {
            Returns::ByAssetClass {
                stocks,
                bonds,
                cash,
            } => {
                let slot = match target {
                    ReturnStocks => stocks,
                    ReturnBonds => bonds,
                    _ => cash,
                };
                *slot = rate_in(input)?;
            }
            _ => return Err(gone()),
        },
        FlatOrdinary | FlatGains => match &mut plan.assumptions.tax_law {
            LawMode::FlatRates {
                ordinary, gains, ..
            } => {
                let slot = if target == FlatOrdinary {
                    ordinary
                } else {
                    gains
                };
                *slot = rate_in(input)?;
            }
            _ => return Err(gone()),
        },
        RateChangeFrom | RateChangePoints => match &mut plan.assumptions.tax_law {
            LawMode::RateChange { from_year, points } => {
                if target == RateChangeFrom {
                    *from_year = whole(input)?;
                } else {
                    *points = input
                        .trim()
                        .trim_start_matches('+')
                        .parse::<Decimal>()
                        .map_err(|_| format!("'{}' is not a number of points", input.trim()))?;
                }
            }
            _ => return Err(gone()),
        },
        SimPaths => plan.assumptions.simulation.paths = whole(input)?,
        SimSeed => plan.assumptions.simulation.seed = whole(input)?,
        BlockYears => match &mut plan.assumptions.simulation.mode {
            PathMode::Bootstrap { block_years } => *block_years = whole(input)?,
            _ => return Err(gone()),
        },
        McStocksMean | McStocksVol | McBondsMean | McBondsVol | McCorrelation | McInflationMean
        | McInflationVol => {
            let value = if target == McCorrelation {
                input
                    .trim()
                    .parse::<Decimal>()
                    .map_err(|_| format!("'{}' is not a correlation from -1 to 1", input.trim()))?
            } else {
                rate_in(input)?
            };
            *monte_carlo_slot_mut(&mut plan.assumptions.simulation.mode, target)
                .ok_or_else(gone)? = value;
        }
        FilingStatus
        | StateExemptSocialSecurity
        | StateExemptRetirement
        | Owner(_)
        | ReturnsMode
        | TaxLawMode
        | SimMode => {
            return Err("choose with Enter, Space or ←/→".into());
        }
    }
    Ok(())
}

/// The plan with the field set from `input`, or why it cannot be: a parse error, or what the
/// plan's validation says (the field's own problems first).
pub fn apply(target: Target, plan: &Plan, input: &str) -> Result<Plan, String> {
    let mut next = plan.clone();
    set(target, &mut next, input)?;
    checked(target, next)
}

fn checked(target: Target, next: Plan) -> Result<Plan, String> {
    let issues = validate(&next);
    if issues.is_empty() {
        return Ok(next);
    }
    let own = path(target);
    let mut sorted = issues;
    sorted.sort_by_key(|i| !i.path.starts_with(&own));
    let first = &sorted[0];
    if first.path.starts_with(&own) {
        Err(first.message.clone())
    } else {
        Err(first.to_string())
    }
}

/// Steps a choice field forward (or back); `None` for fields that are not choices.
pub fn step_choice(target: Target, plan: &Plan, forward: bool) -> Option<Result<Plan, String>> {
    use Target::*;
    let mut next = plan.clone();
    match target {
        FilingStatus => {
            let options: &[crate::tax::Filing] = if plan.people.len() == 2 {
                &[
                    crate::tax::Filing::Mfj,
                    crate::tax::Filing::Mfs,
                    crate::tax::Filing::Single,
                ]
            } else {
                &[crate::tax::Filing::Single, crate::tax::Filing::Hoh]
            };
            next.filing = cycle(options, plan.filing, forward);
        }
        StateExemptSocialSecurity => next
            .state
            .edit_custom(|t| t.exempt_social_security = !t.exempt_social_security),
        StateExemptRetirement => next
            .state
            .edit_custom(|t| t.exempt_retirement = !t.exempt_retirement),
        Owner(i) => {
            let count = plan.people.len();
            match next.accounts.get_mut(i) {
                Some(Account::Deferred { owner, .. } | Account::Roth { owner, .. }) => {
                    *owner = (*owner + 1) % count.max(1);
                }
                _ => return None,
            }
        }
        ReturnsMode => {
            next.assumptions.returns = match plan.assumptions.returns {
                Returns::Constant { nominal } => Returns::ByAssetClass {
                    stocks: nominal + dec!(0.015),
                    bonds: nominal - dec!(0.015),
                    cash: (nominal - dec!(0.02)).max(Decimal::ZERO),
                },
                Returns::ByAssetClass { stocks, bonds, .. } => Returns::Constant {
                    nominal: ((stocks * dec!(0.6)) + (bonds * dec!(0.4))).round_dp(4),
                },
            }
        }
        TaxLawMode => {
            let start = plan.assumptions.start_year;
            let modes = [
                crate::tax::LawMode::CurrentLaw,
                crate::tax::LawMode::FlatRates {
                    ordinary: dec!(0.25),
                    gains: dec!(0.15),
                    change: None,
                },
                crate::tax::LawMode::RateChange {
                    from_year: start + 5,
                    points: dec!(3),
                },
            ];
            let at = modes
                .iter()
                .position(|m| {
                    std::mem::discriminant(m) == std::mem::discriminant(&plan.assumptions.tax_law)
                })
                .unwrap_or(0);
            let n = modes.len();
            let to = if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            };
            next.assumptions.tax_law = modes[to].clone();
        }
        SimMode => {
            let modes = [
                PathMode::Constant,
                PathMode::Historical,
                PathMode::bootstrap_default(),
                PathMode::monte_carlo_default(),
            ];
            let at = modes
                .iter()
                .position(|m| {
                    std::mem::discriminant(m)
                        == std::mem::discriminant(&plan.assumptions.simulation.mode)
                })
                .unwrap_or(1);
            let n = modes.len();
            let to = if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            };
            next.assumptions.simulation.mode = modes[to].clone();
        }
        _ => return None,
    }
    Some(checked(target, next))
}

fn cycle<T: Copy + PartialEq>(options: &[T], now: T, forward: bool) -> T {
    let n = options.len();
    let at = options.iter().position(|o| *o == now).unwrap_or(0);
    options[if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    }]
}

/// The plan with something added.
pub fn run_command(command: Command, plan: &Plan) -> Result<Plan, String> {
    let mut next = plan.clone();
    let start = plan.assumptions.start_year;
    match command {
        Command::AddPerson => {
            let first = plan.people.first().map_or(start - 65, |p| p.birth_year);
            next.people.push(Person {
                name: "Spouse".into(),
                birth_year: first,
                planning_age: 95,
            });
            if next.filing != Filing::Mfs {
                next.filing = Filing::Mfj;
            }
        }
        Command::AddAccount(kind) => {
            let n = plan.accounts.iter().filter(|a| a.kind() == kind).count() + 1;
            let name = match kind {
                AccountKind::Taxable => format!("Brokerage {n}"),
                AccountKind::Deferred => format!("IRA {n}"),
                AccountKind::Roth => format!("Roth {n}"),
                AccountKind::Cash => format!("Savings {n}"),
            };
            next.accounts.push(Account::new_of_kind(kind, &name));
        }
        Command::AddSocialSecurity => {
            let person = (0..plan.people.len())
                .find(|i| !plan.income.social_security.iter().any(|s| s.person == *i))
                .ok_or("everyone already has a Social Security benefit")?;
            next.income.social_security.push(SocialSecurity {
                person,
                fra_benefit: dec!(24000),
                claim_age: 67,
                claim_months: 0,
            });
        }
        Command::AddPension => next.income.pensions.push(Pension {
            person: 0,
            name: "Pension".into(),
            amount: dec!(12000),
            start_age: 65,
            cola: Decimal::ZERO,
            survivor_share: dec!(0.5),
            government: false,
        }),
        Command::AddWage => next.income.wages.push(Wage {
            person: 0,
            amount: dec!(30000),
            until_age: 67,
        }),
        Command::AddOther => next.income.other.push(OtherIncome {
            name: "Rental".into(),
            amount: dec!(10000),
            from_year: start,
            to_year: start + 10,
            indexed: true,
        }),
        Command::AddSpendingChange => {
            let age = plan
                .spending
                .changes
                .last()
                .map_or(75, |c| (c.at_age + 5).min(120));
            next.spending.changes.push(SpendingChange {
                at_age: age,
                annual: (plan.spending.annual * dec!(0.85)).round(),
            })
        }
        Command::AddOneOff => next.spending.one_offs.push(OneOff {
            year: start + 1,
            amount: dec!(20000),
            label: "One-off".into(),
        }),
    }
    let issues = validate(&next);
    match issues.first() {
        None => Ok(next),
        Some(i) => Err(i.to_string()),
    }
}

/// The plan without an item; accounts and incomes of a removed person pass to the first.
pub fn remove(item: Item, plan: &Plan) -> Result<Plan, String> {
    let mut next = plan.clone();
    let take = |len: usize, i: usize| {
        if i < len {
            Ok(())
        } else {
            Err("nothing to remove".to_string())
        }
    };
    match item {
        Item::Person(i) => {
            if plan.people.len() < 2 {
                return Err("a plan needs at least one person".into());
            }
            take(next.people.len(), i)?;
            next.people.remove(i);
            next.income.social_security.retain(|s| s.person != i);
            next.income.pensions.retain(|p| p.person != i);
            next.income.wages.retain(|w| w.person != i);
            for s in &mut next.income.social_security {
                s.person = 0;
            }
            for p in &mut next.income.pensions {
                p.person = 0;
            }
            for w in &mut next.income.wages {
                w.person = 0;
            }
            for a in &mut next.accounts {
                if let Account::Deferred { owner, .. } | Account::Roth { owner, .. } = a {
                    *owner = 0;
                }
            }
            if matches!(next.filing, Filing::Mfj | Filing::Mfs) {
                next.filing = Filing::Single;
            }
        }
        Item::Account(i) => {
            take(next.accounts.len(), i)?;
            next.accounts.remove(i);
        }
        Item::SocialSecurity(i) => {
            take(next.income.social_security.len(), i)?;
            next.income.social_security.remove(i);
        }
        Item::Pension(i) => {
            take(next.income.pensions.len(), i)?;
            next.income.pensions.remove(i);
        }
        Item::Wage(i) => {
            take(next.income.wages.len(), i)?;
            next.income.wages.remove(i);
        }
        Item::Other(i) => {
            take(next.income.other.len(), i)?;
            next.income.other.remove(i);
        }
        Item::SpendingChange(i) => {
            take(next.spending.changes.len(), i)?;
            next.spending.changes.remove(i);
        }
        Item::OneOff(i) => {
            take(next.spending.one_offs.len(), i)?;
            next.spending.one_offs.remove(i);
        }
    }
    let issues = validate(&next);
    match issues.first() {
        None => Ok(next),
        Some(i) => Err(i.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::demo_plan;

    #[test]
    fn money_typed_in_any_form_sets_the_balance() {
        let plan = demo_plan();
        for (typed, want) in [
            ("1,250,000", dec!(1250000)),
            ("1.25m", dec!(1250000)),
            ("65k", dec!(65000)),
        ] {
            let next = apply(Target::Balance(0), &plan, typed).unwrap();
            assert_eq!(next.accounts[0].balance(), want);
        }
    }

    #[test]
    fn a_bad_value_says_why_and_names_nothing_else() {
        let plan = demo_plan();
        assert_eq!(
            apply(Target::Balance(0), &plan, "-5").unwrap_err(),
            "-$5 is negative"
        );
        assert!(
            apply(Target::Balance(0), &plan, "lots")
                .unwrap_err()
                .contains("not an amount")
        );
        assert!(
            apply(Target::PlanningAge(0), &plan, "200")
                .unwrap_err()
                .contains("50 to 120")
        );
        assert!(
            apply(Target::Inflation, &plan, "50%")
                .unwrap_err()
                .contains("outside")
        );
    }

    #[test]
    fn every_row_of_every_pane_reads_back() {
        let plan = demo_plan();
        for pane in Pane::ALL {
            for row in rows(pane, &plan) {
                if let Row::Field { target, .. } = row {
                    let t = text(target, &plan);
                    assert!(!t.is_empty(), "{target:?}");
                    if matches!(
                        kind(target),
                        Kind::Money | Kind::Rate | Kind::Whole | Kind::Text
                    ) {
                        let again =
                            apply(target, &plan, &t).unwrap_or_else(|e| panic!("{target:?}: {e}"));
                        assert_eq!(again, plan, "{target:?} did not round-trip: {t}");
                    }
                }
            }
        }
    }

    #[test]
    fn choices_step_and_stay_valid() {
        let plan = demo_plan();
        let next = step_choice(Target::FilingStatus, &plan, true)
            .unwrap()
            .unwrap();
        assert_eq!(next.filing, Filing::Mfs);
        let next = step_choice(Target::TaxLawMode, &plan, true)
            .unwrap()
            .unwrap();
        assert!(matches!(
            next.assumptions.tax_law,
            LawMode::FlatRates { .. }
        ));
        assert!(step_choice(Target::Balance(0), &plan, true).is_none());
    }

    #[test]
    fn adding_and_removing_keeps_the_plan_valid() {
        let mut plan = demo_plan();
        for kind in [
            AccountKind::Taxable,
            AccountKind::Deferred,
            AccountKind::Roth,
            AccountKind::Cash,
        ] {
            plan = run_command(Command::AddAccount(kind), &plan).unwrap();
        }
        for c in [
            Command::AddPension,
            Command::AddWage,
            Command::AddOther,
            Command::AddSpendingChange,
            Command::AddOneOff,
        ] {
            plan = run_command(c, &plan).unwrap();
        }
        assert_eq!(plan.accounts.len(), 9);
        plan = remove(Item::Person(1), &plan).unwrap();
        assert_eq!(plan.people.len(), 1);
        assert_eq!(plan.filing, Filing::Single);
        assert!(remove(Item::Person(0), &plan).is_err());
        plan = remove(Item::Account(0), &plan).unwrap();
        assert_eq!(plan.accounts.len(), 8);
    }
}
