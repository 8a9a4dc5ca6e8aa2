//! Everything about a plan's years that does not depend on the strategy: who is alive, the law,
//! prices, fixed income and the spending need. Built once per plan and return path, shared by
//! every strategy projected on it.

use super::error::EngineError;
use super::guardrails::GuardrailRule;
use super::health::{HealthCosts, HealthYear};
use super::path::{ReturnPath, YearReturns};
use super::ss_schedule::{Schedule, earnings_test};
use crate::kept::KeepLast;
use crate::num::Num;
use crate::num::RoundTo;
use crate::plan::{Account, AccountKind, Dividends, Plan, RmdRule, RmdTable};
use crate::tax::early_withdrawal::EarlyWithdrawalTable;
use crate::tax::law::MAX_PRICE_INDEX;
use crate::tax::qcd::QcdTable;
use crate::tax::tables::LAST_TABLE_YEAR;
use crate::tax::{
    Filing, Irmaa, LawMode, LawTables, RmdRules, StateCode, StateLaw, StateTables, StateYear,
    TaxLaw, YearLaw,
};
use rust_decimal::Decimal;
use std::sync::Arc;

/// What an account is called: one of the plan's by its place among the plan's accounts (the
/// plan holds its name), one the engine opened by a fixed label. The state a search copies at
/// every year it may replay from then holds no heap data: a copy is one block, not a string per
/// account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountName {
    Plan(usize),
    Opened(&'static str),
}

/// One account as the engine tracks it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AccountState<N> {
    pub name: AccountName,
    pub kind: AccountKind,
    pub owner: usize,
    pub balance: N,
    pub basis: N,
    pub dividend_yield: N,
    /// A taxable account's dividends buy more of it instead of being paid out.
    pub reinvest_dividends: bool,
    pub qualified_share: N,
    pub stock_share: N,
    pub realize_share: N,
    /// For tax-deferred money: from the year of this age of its owner, draws bear no 10%
    /// additional tax (60, the year after which 59½ has passed; the year of separation from an
    /// employer plan in or after the year of 55). Inherited money never bears it.
    pub penalty_free_age: u32,
    /// For tax-deferred money: the owner's spouse is the sole beneficiary, so that under current
    /// law a spouse more than ten years younger lengthens the RMD period (Pub. 590-B Table II).
    pub spouse_beneficiary: bool,
    /// For Roth money: conversions of the last five years, (year, amount), drawn after `basis`
    /// (contributions and older conversions) and bearing the 10% before 59½.
    pub young: [(i32, N); 5],
    /// Tax-deferred money the owner holds as a beneficiary who was not the late owner's spouse.
    pub inherited: Option<Inherited<N>>,
}

/// An inherited IRA of a beneficiary who was not the owner's spouse: it cannot be rolled over
/// or converted to Roth, and it is paid out over the beneficiary's life expectancy (an eligible
/// designated beneficiary: not more than ten years younger than the owner) or by the end of the
/// tenth year after the death, with yearly distributions in between when the owner had reached
/// the required beginning date (IRC 401(a)(9)(B), (E)(ii), (H); Treas. Reg. 1.401(a)(9)-5(d)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inherited<N> {
    /// The first year the beneficiary holds it: the year after the death.
    pub from: i32,
    /// The distribution period of that year, one less each year after; `None`: no yearly
    /// distributions before the deadline.
    pub period: Option<N>,
    /// The year by whose end it must all be out; `None`: over the life expectancy.
    pub deadline: Option<i32>,
}

impl<N: Copy> Inherited<N> {
    pub fn convert<M>(&self, f: impl Fn(N) -> M) -> Inherited<M> {
        Inherited {
            from: self.from,
            period: self.period.map(f),
            deadline: self.deadline,
        }
    }
}

impl<N> AccountState<N> {
    /// This year's age of the spouse who is the account's sole beneficiary, while both live
    /// (what the RMD period of current law looks at); None for any other account.
    #[inline]
    pub fn spouse_age(&self, ages: &[u32; 2], alive: &[bool; 2]) -> Option<u32> {
        let (owner, spouse) = (self.owner.min(1), 1 - self.owner.min(1));
        (self.spouse_beneficiary && alive[owner] && alive[spouse]).then_some(ages[spouse])
    }
}

impl<N: Num> AccountState<N> {
    /// The account's total nominal return for a year.
    #[inline]
    pub fn total_return(&self, r: &YearReturns<N>) -> N {
        match self.kind {
            AccountKind::Cash => r.cash,
            _ => self.stock_share * r.stocks + (N::ONE - self.stock_share) * r.bonds,
        }
    }

    /// How much the balance itself grows: a taxable account's dividends and a cash account's
    /// interest are paid out, so only price growth (for cash, only a negative rate) stays in.
    #[inline]
    pub fn growth_rate(&self, r: &YearReturns<N>) -> N {
        let total = self.total_return(r);
        match self.kind {
            AccountKind::Taxable => total - self.dividend_yield,
            AccountKind::Cash => total.min_of(N::ZERO),
            _ => total,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonInfo {
    pub name: String,
    pub birth_year: i32,
    /// Last calendar year the plan assumes this person is alive.
    pub last_year: i32,
    /// On Medicare from the year of this age.
    pub medicare_age: u32,
}

/// One person's own income in a year, which state returns need apart from the household's.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OwnIncome<N> {
    pub wages: N,
    /// Net profit from self-employment (Schedule C).
    pub self_employment: N,
    /// Pensions from former private employers, survivor pensions received included.
    pub private_pension: N,
    /// Pensions from government employers.
    pub government_pension: N,
    pub social_security: N,
}

impl<N: Num> OwnIncome<N> {
    fn convert<M: Num>(&self, c: impl Fn(N) -> M) -> OwnIncome<M> {
        OwnIncome {
            wages: c(self.wages),
            self_employment: c(self.self_employment),
            private_pension: c(self.private_pension),
            government_pension: c(self.government_pension),
            social_security: c(self.social_security),
        }
    }
}

/// Decimals of a price level's inverse: a cent amount times it stays within Decimal's 28 digits
/// and adds without rescaling.
pub const REAL_DP: u32 = 16;

/// Today's dollars per dollar of a year at `price_level`: its inverse, kept to [`REAL_DP`]
/// decimals. Each amount deflated by it is off its exact quotient by at most 5e-17 of the amount
/// (a real total moves by a millionth of a cent on $10 million).
pub fn deflator<N: Num>(price_level: N) -> N {
    N::ONE.ratio_short(price_level, REAL_DP)
}

/// The strategy-independent facts of one projected year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearInputs<N> {
    pub year: i32,
    /// Ages at year end of the first and second person (0 when there is none).
    pub ages: [u32; 2],
    pub alive: [bool; 2],
    pub filing: Filing,
    /// Prices relative to the plan's first year (1 in that year).
    pub price_level: N,
    /// Today's dollars per dollar of the year ([`deflator`]): the same in every strategy's
    /// projection of the scenario, so a comparison divides once a year rather than once a column.
    pub deflator: N,
    pub law: TaxLaw<N>,
    /// Medicare tiers for this year's premiums (set by MAGI of two years earlier).
    pub irmaa: Irmaa<N>,
    /// Tiers for premiums two years ahead, which this year's MAGI will set.
    pub irmaa_ahead: Irmaa<N>,
    /// The state income tax of the year: the state lived in that year, or the custom rate.
    pub state: StateYear<N>,
    /// Each person's own income, in the plan's order of people.
    pub own: [OwnIncome<N>; 2],
    pub social_security: N,
    pub pensions: N,
    pub wages: N,
    pub other_income: N,
    /// The part of `other_income` fixed in dollars (not indexed to prices).
    pub other_income_nominal: N,
    /// The year's after-tax need for living costs, in dollars of the year.
    pub living: N,
    /// One-off expenses of the year, in dollars of the year.
    pub one_offs: N,
    /// Money received once from outside the accounts (inheritances, a home sold), in dollars
    /// of the year, and the part of it that is long-term capital gain.
    pub windfall: N,
    pub windfall_gain: N,
    /// Gifts to charity of the year, in dollars of the year.
    pub charity: N,
    /// Each person's limit on qualified charitable distributions from their IRAs this year:
    /// zero before the year they reach 70½.
    pub qcd_limit: [N; 2],
    /// Months on Medicare of everyone enrolled, added up (12 a person enrolled all year; from
    /// the month of their Medicare age in that year).
    pub enrolled_months: u32,
    /// Health premiums and payroll tax.
    pub health: HealthYear<N>,
    pub returns: YearReturns<N>,
}

impl<N: Num> YearInputs<N> {
    /// Head of household's age and the spouse's age as the return counts them.
    pub fn return_ages(&self) -> (u32, Option<u32>) {
        let (head, other) = if self.alive[0] { (0, 1) } else { (1, 0) };
        let spouse = (self.alive[other] && self.filing == Filing::Mfj).then_some(self.ages[other]);
        (self.ages[head], spouse)
    }

    pub fn spending(&self) -> N {
        self.living + self.one_offs
    }

    /// The household's wages as income tax sees them: less what went to HSAs and 401(k)s
    /// before tax.
    pub fn taxed_wages(&self) -> N {
        let h = &self.health;
        let mut wages = self.wages;
        // Usually nothing: the Decimal subtractions are skipped.
        for x in h.hsa_contribution.iter().chain(&h.deferral) {
            if x.above_zero() {
                wages -= *x;
            }
        }
        wages
    }

    /// One person's wages as income tax sees them.
    pub fn own_taxed_wages(&self, who: usize) -> N {
        let h = &self.health;
        let mut wages = self.own[who].wages;
        for x in [h.hsa_contribution[who], h.deferral[who]] {
            if x.above_zero() {
                wages -= x;
            }
        }
        wages
    }

    /// Ordinary income besides wages, pensions and accounts: other income and business profit,
    /// less half the self-employment tax (IRC 164(f)).
    pub fn other_ordinary(&self) -> N {
        self.other_income + self.health.self_employment - self.health.se_deduction
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario<N> {
    pub start_year: i32,
    pub people: Vec<PersonInfo>,
    pub accounts: Vec<AccountState<N>>,
    pub years: Vec<YearInputs<N>>,
    pub rmd: RmdRules<N>,
    pub heirs_rate: N,
    /// MAGI and filing of the two years before the plan (for the first two IRMAA years).
    pub prior_magi: Option<[N; 2]>,
    pub prior_filing: Filing,
    /// Ages of the first person at which the estate is reported.
    pub estate_ages: Vec<u32>,
    /// The additional tax on early tax-deferred draws (10%).
    pub early_withdrawal_rate: N,
    /// Draws come out after the year's returns (31 December) rather than before them.
    pub end_of_year: bool,
    /// Spending guardrails (see [`crate::plan::Guardrails`]).
    pub guardrails: Option<GuardrailRule<N>>,
}

impl<N: Num> Scenario<N> {
    /// Builds the years of a validated plan on a return path (at least as long as the plan).
    pub fn build(plan: &Plan, path: &ReturnPath<N>) -> Result<Scenario<N>, EngineError> {
        Scenario::build_lived(plan, path, None)
    }

    /// [`Scenario::build`] with each person's last year alive given (a lifetime drawn from the
    /// life table) rather than taken from their planning age. The years still run to the plan's
    /// horizon; those after every death have no one alive, and a caller runs only the years
    /// before them.
    pub fn build_lived(
        plan: &Plan,
        path: &ReturnPath<N>,
        last_years: Option<&[i32]>,
    ) -> Result<Scenario<N>, EngineError> {
        let tables = LawTables::get()?;
        let n = plan.horizon_years();
        if path.years.len() < n {
            return Err(EngineError::ShortPath {
                needed: n,
                got: path.years.len(),
            });
        }
        let start = plan.assumptions.start_year;
        let people: Vec<PersonInfo> = plan
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| PersonInfo {
                name: p.name.clone(),
                birth_year: p.birth_year,
                last_year: last_years
                    .and_then(|l| l.get(i).copied())
                    .unwrap_or_else(|| crate::plan::last_year(p.birth_year, p.planning_age)),
                medicare_age: p.medicare_age,
            })
            .collect();

        // Price levels for every year and two beyond (IRMAA looks two years ahead).
        let plan_inflation = N::from_dec(plan.assumptions.inflation);
        let mut levels = Vec::with_capacity(n + 3);
        let mut level = N::ONE;
        for k in 0..n + 3 {
            levels.push(level);
            let infl = path.years.get(k).map_or(plan_inflation, |y| y.inflation);
            // Twelve decimals are plenty for a price index and keep Decimal arithmetic short.
            level = (level * (N::ONE + infl)).short(12);
        }
        // Prices relative to the last table year, which later laws are indexed from.
        let law_level = |k: usize| -> Decimal {
            let year = start + k as i32;
            if year <= LAST_TABLE_YEAR {
                return Decimal::ONE;
            }
            let level = if start <= LAST_TABLE_YEAR {
                let base = (LAST_TABLE_YEAR - start) as usize;
                levels[k].ratio(levels[base])
            } else {
                let mut gap = Decimal::ONE;
                for _ in LAST_TABLE_YEAR..start {
                    gap *= Decimal::ONE + plan.assumptions.inflation;
                }
                levels[k] * N::from_dec(gap)
            };
            law_index(level)
        };

        let two = people.len() == 2;
        let last_years: Vec<i32> = people.iter().map(|p| p.last_year).collect();
        let mut schedule = Schedule::new(plan, &last_years);
        // The plan's price level for any year, before its first year too (the earnings test
        // carries its exempt amounts from the table's last year by it).
        let infl_level = crate::index::compound(plan.assumptions.inflation, start);
        let wage_level = |y: i32| -> Decimal {
            match usize::try_from(y - start).ok().and_then(|k| levels.get(k)) {
                Some(l) => law_index(*l),
                None => infl_level(y),
            }
        };
        let law_levels: Vec<Decimal> = (0..n + 2).map(law_level).collect();
        let laws = laws_for(tables, &plan.assumptions.tax_law, start, &law_levels)?;
        let states = state_laws(plan, start, &law_levels[..n])?;
        let health = HealthCosts::new(plan, start, &law_levels)?;
        let se_share = crate::tax::payroll::PayrollTable::get()?
            .self_employment
            .earnings_share;
        let mut years = Vec::with_capacity(n);
        for (k, &price_level) in levels.iter().enumerate().take(n) {
            let year = start + k as i32;
            let mut ages = [0u32; 2];
            let mut alive = [false; 2];
            for (i, p) in people.iter().enumerate() {
                ages[i] = (year - p.birth_year).max(0) as u32;
                alive[i] = year <= p.last_year;
            }
            let both = two && alive[0] && alive[1];
            let filing = if two && !both && plan.filing.married() {
                Filing::Single
            } else {
                plan.filing
            };
            let level_dec = price_level.to_dec();
            let pension_each = pensions(plan, &people, year, &alive);
            let mut own = [OwnIncome::<Decimal>::default(); 2];
            for (i, o) in own.iter_mut().enumerate() {
                o.private_pension = pension_each[i][0].round_to(2);
                o.government_pension = pension_each[i][1].round_to(2);
            }
            for w in &plan.income.wages {
                if alive[w.person] && ages[w.person] < w.until_age {
                    let amount = (w.amount * level_dec).round_to(2);
                    if w.self_employed {
                        own[w.person].self_employment += amount;
                    } else {
                        own[w.person].wages += amount;
                    }
                }
            }
            // The earnings test counts wages and net earnings from self-employment.
            let earned = own.map(|o| {
                if o.self_employment > Decimal::ZERO {
                    o.wages + (o.self_employment * se_share).round_to(2)
                } else {
                    o.wages
                }
            });
            let benefits = schedule.year(year, earned, level_dec, &|| {
                earnings_test(year, &wage_level)
            })?;
            for (i, o) in own.iter_mut().enumerate() {
                o.social_security = benefits.paid[i].round_to(2);
            }
            let ss: Decimal = own.iter().map(|o| o.social_security).sum();
            let pensions: Decimal = own
                .iter()
                .map(|o| o.private_pension + o.government_pension)
                .sum();
            let wages: Decimal = own.iter().map(|o| o.wages).sum();
            let (mut other, mut other_nominal) = (Decimal::ZERO, Decimal::ZERO);
            for o in &plan.income.other {
                if (o.from_year..=o.to_year).contains(&year) {
                    if o.indexed {
                        other += o.amount * level_dec;
                    } else {
                        other += o.amount;
                        other_nominal += o.amount;
                    }
                }
            }
            let age0 = ages[0];
            let mut living = plan.spending.annual;
            for change in &plan.spending.changes {
                if age0 >= change.at_age {
                    living = change.annual;
                }
            }
            if two && !both {
                living *= plan.spending.survivor_share;
            }
            let one_offs: Decimal = plan
                .spending
                .one_offs
                .iter()
                .filter(|o| o.year == year)
                .map(|o| o.amount)
                .sum();
            let (windfall, windfall_gain) = plan
                .income
                .windfalls
                .iter()
                .filter(|w| w.year == year)
                .fold((Decimal::ZERO, Decimal::ZERO), |(a, g), w| {
                    (a + w.amount, g + w.taxable_gain)
                });
            // A plan that leaves IRMAA out has no one the surcharges apply to.
            let enrolled = if plan.assumptions.ignore_irmaa {
                0
            } else {
                (0..people.len())
                    .filter(|i| alive[*i])
                    .map(|i| plan.people[i].months_from_age(plan.people[i].medicare_age, year))
                    .sum()
            };
            let mut qcd_limit = [N::ZERO; 2];
            if !plan.spending.charity.is_zero() {
                let table = QcdTable::get()?;
                let limit = table.limit(year, &|y| health.level(y))?;
                for (i, p) in plan.people.iter().enumerate().take(2) {
                    if table.eligible(p.birth_year, p.birth_month, year) {
                        qcd_limit[i] = N::from_dec(limit);
                    }
                }
            }
            let health = health.year(plan, k, &ages, &alive, filing, &own, level_dec)?;
            years.push(YearInputs {
                year,
                ages,
                alive,
                filing,
                price_level,
                deflator: deflator(price_level),
                law: laws.laws[k].convert(),
                irmaa: laws.irmaa[k].convert(),
                irmaa_ahead: laws.irmaa[k + 2].convert(),
                state: match &states[k] {
                    Some(law) => StateYear::Law(year_law(law)),
                    None => StateYear::Custom(
                        plan.residence_in(year)
                            .custom_tax()
                            .unwrap_or_default()
                            .rules(price_level),
                    ),
                },
                own: own.map(|o| o.convert(N::from_dec)),
                social_security: cents::<N>(ss),
                pensions: cents::<N>(pensions),
                wages: cents::<N>(wages),
                other_income: cents::<N>(other),
                other_income_nominal: cents::<N>(other_nominal),
                living: cents::<N>(living * level_dec),
                one_offs: cents::<N>(one_offs * level_dec),
                windfall: cents::<N>(windfall * level_dec),
                windfall_gain: cents::<N>(windfall_gain * level_dec),
                charity: cents::<N>(plan.spending.charity * level_dec),
                qcd_limit,
                enrolled_months: enrolled,
                health: health.convert(),
                returns: path.years[k],
            });
        }

        let accounts = plan
            .accounts
            .iter()
            .enumerate()
            .map(|(i, a)| account_state(i, a))
            .collect();
        Ok(Scenario {
            start_year: start,
            people,
            accounts,
            years,
            rmd: match &plan.assumptions.rmd {
                // The joint table is parsed only for plans that name a spouse beneficiary.
                RmdRule::CurrentLaw if plan.accounts.iter().any(Account::spouse_beneficiary) => {
                    RmdRules::from_tables(tables).with_joint(LawTables::joint_last_survivor()?)
                }
                RmdRule::CurrentLaw => RmdRules::from_tables(tables),
                RmdRule::Study { start_age, table } => {
                    RmdRules::study(tables, *start_age, *table == RmdTable::SingleLife)
                }
            }
            .convert(),
            end_of_year: !plan.assumptions.withdrawals.is_start(),
            guardrails: plan.spending.guardrails.map(|g| GuardrailRule {
                upper: N::from_dec(g.upper),
                lower: N::from_dec(g.lower),
                adjust: N::from_dec(g.adjust),
                floor: N::from_dec(g.floor),
                no_cuts_from: match g.no_cuts_final_years {
                    0 => usize::MAX,
                    n => plan.horizon_years().saturating_sub(n as usize),
                },
                freeze_after_loss: g.freeze_after_loss,
            }),
            heirs_rate: N::from_dec(plan.heirs_rate),
            prior_magi: plan.assumptions.prior_magi.as_ref().map(|m| {
                [
                    N::from_dec(m.two_years_before),
                    N::from_dec(m.one_year_before),
                ]
            }),
            prior_filing: plan.filing,
            estate_ages: plan.assumptions.estate_at_ages.clone(),
            early_withdrawal_rate: N::from_dec(
                EarlyWithdrawalTable::get()?.rules::<Decimal>().rate,
            ),
        })
    }
}

impl<N> Scenario<N> {
    /// Two people married to each other (filing jointly or separately): a survivor inherits
    /// the other's accounts as a spouse, as their own. Two people filing single or as heads of
    /// household are unmarried partners.
    pub fn married(&self) -> bool {
        self.people.len() == 2 && self.prior_filing.married()
    }
}

impl<N: Num> Scenario<N> {
    /// The same scenario on `f64`, for the strategies' searches.
    pub fn to_f64(&self) -> Scenario<f64> {
        let c = |x: N| x.to_f64();
        Scenario {
            start_year: self.start_year,
            people: self.people.clone(),
            accounts: self
                .accounts
                .iter()
                .map(|a| AccountState {
                    name: a.name,
                    kind: a.kind,
                    owner: a.owner,
                    balance: c(a.balance),
                    basis: c(a.basis),
                    dividend_yield: c(a.dividend_yield),
                    reinvest_dividends: a.reinvest_dividends,
                    qualified_share: c(a.qualified_share),
                    stock_share: c(a.stock_share),
                    realize_share: c(a.realize_share),
                    penalty_free_age: a.penalty_free_age,
                    spouse_beneficiary: a.spouse_beneficiary,
                    young: a.young.map(|(y, v)| (y, c(v))),
                    inherited: a.inherited.map(|i| i.convert(c)),
                })
                .collect(),
            years: self
                .years
                .iter()
                .map(|y| YearInputs {
                    year: y.year,
                    ages: y.ages,
                    alive: y.alive,
                    filing: y.filing,
                    price_level: c(y.price_level),
                    deflator: deflator(c(y.price_level)),
                    law: match y.law.fast.as_deref() {
                        Some(fast) => fast.clone(),
                        None => y.law.to_f64(),
                    },
                    irmaa: y.irmaa.to_f64(),
                    irmaa_ahead: y.irmaa_ahead.to_f64(),
                    state: y.state.to_f64(),
                    own: y.own.map(|o| o.convert(|x: N| x.to_f64())),
                    social_security: c(y.social_security),
                    pensions: c(y.pensions),
                    wages: c(y.wages),
                    other_income: c(y.other_income),
                    other_income_nominal: c(y.other_income_nominal),
                    living: c(y.living),
                    one_offs: c(y.one_offs),
                    windfall: c(y.windfall),
                    windfall_gain: c(y.windfall_gain),
                    charity: c(y.charity),
                    qcd_limit: y.qcd_limit.map(c),
                    enrolled_months: y.enrolled_months,
                    health: y.health.to_f64(),
                    returns: YearReturns {
                        stocks: c(y.returns.stocks),
                        bonds: c(y.returns.bonds),
                        cash: c(y.returns.cash),
                        inflation: c(y.returns.inflation),
                    },
                })
                .collect(),
            rmd: self.rmd.to_f64(),
            heirs_rate: c(self.heirs_rate),
            prior_magi: self.prior_magi.map(|m| m.map(c)),
            prior_filing: self.prior_filing,
            estate_ages: self.estate_ages.clone(),
            early_withdrawal_rate: c(self.early_withdrawal_rate),
            end_of_year: self.end_of_year,
            guardrails: self.guardrails.map(|g| g.to_f64()),
        }
    }
}

/// The federal law and Medicare tiers of every year of a plan (and two beyond).
struct LawSet {
    laws: Vec<TaxLaw<Decimal>>,
    irmaa: Vec<Irmaa<Decimal>>,
}

/// The laws for a plan's years. They depend only on the law mode, the first year and the price
/// levels, which most edits of a plan leave alone, so the last set is kept and reused.
fn laws_for(
    tables: &LawTables,
    mode: &LawMode,
    start: i32,
    law_levels: &[Decimal],
) -> Result<Arc<LawSet>, crate::tax::TaxError> {
    static LAST: KeepLast<(LawMode, i32, Vec<Decimal>), LawSet> = KeepLast::new();
    LAST.get_or_make((mode.clone(), start, law_levels.to_vec()), |_| {
        let n = law_levels.len();
        let laws = (0..n)
            .map(|k| TaxLaw::resolve(tables, mode, start + k as i32, law_levels[k]))
            .collect::<Result<Vec<_>, _>>()?;
        let mut irmaa = (0..n)
            .map(|k| Irmaa::for_year(tables, start + k as i32, law_levels[k]))
            .collect::<Result<Vec<_>, _>>()?;
        // The stylised flat-rate law of the studies has no Medicare surcharges either.
        if matches!(mode, LawMode::FlatRates { .. }) {
            for t in &mut irmaa {
                t.annual_surcharge = [Decimal::ZERO; 6];
            }
        }
        Ok(LawSet { laws, irmaa })
    })
}

/// A price level as the law is indexed by it. A plan's own prices are bounded by validation and
/// pass exactly; a simulated path whose prices ran away (or collapsed) is held inside what the
/// law can be indexed by, so one absurd path cannot stop a simulation.
fn law_index<N: Num>(level: N) -> Decimal {
    const LEAST: f64 = 1e-9;
    let most = MAX_PRICE_INDEX.to_f64();
    let x = level.to_f64();
    if x.is_nan() {
        Decimal::ONE
    } else if x < LEAST {
        Decimal::new(1, 9)
    } else if x > most {
        MAX_PRICE_INDEX
    } else {
        level.to_dec()
    }
}

/// The law of the state the household lives in each year (`None` for a year under the custom
/// rate), indexed by the year's law price level. Like the federal laws, the last set is kept:
/// most edits change neither the residence nor prices.
type StateLaws = Arc<Vec<Option<Arc<YearLaw<Decimal>>>>>;

/// A cached state law in the scenario's number type: the same one (Decimal), its `f64` copy
/// made once, or a conversion.
fn year_law<N: Num>(law: &Arc<YearLaw<Decimal>>) -> Arc<YearLaw<N>> {
    if let Some(same) = (law as &dyn std::any::Any).downcast_ref::<Arc<YearLaw<N>>>() {
        return Arc::clone(same);
    }
    let fast = law.fast();
    if let Some(same) = (&fast as &dyn std::any::Any).downcast_ref::<Arc<YearLaw<N>>>() {
        return Arc::clone(same);
    }
    Arc::new(YearLaw::new(law.law().convert()))
}

fn state_laws(
    plan: &Plan,
    start: i32,
    law_levels: &[Decimal],
) -> Result<StateLaws, crate::tax::TaxError> {
    type Key = (Vec<Option<StateCode>>, i32, Vec<Decimal>);
    static LAST: KeepLast<Key, Vec<Option<Arc<YearLaw<Decimal>>>>> = KeepLast::new();
    let codes: Vec<Option<StateCode>> = (0..law_levels.len())
        .map(|k| plan.residence_in(start + k as i32).code())
        .collect();
    if codes.iter().all(Option::is_none) {
        return Ok(Arc::new(vec![None; law_levels.len()]));
    }
    LAST.get_or_make((codes, start, law_levels.to_vec()), |(codes, _, _)| {
        let tables = StateTables::get()?;
        codes
            .iter()
            .enumerate()
            .map(|(k, code)| {
                code.map(|c| {
                    StateLaw::resolve(tables, c, start + k as i32, law_levels[k])
                        .map(|law| Arc::new(YearLaw::new(law)))
                })
                .transpose()
            })
            .collect()
    })
}

fn cents<N: Num>(d: Decimal) -> N {
    N::from_dec(d.round_to(2))
}

fn account_state<N: Num>(index: usize, a: &Account) -> AccountState<N> {
    let d = N::from_dec;
    match a {
        Account::Taxable {
            balance,
            cost_basis,
            dividend_yield,
            dividends,
            qualified_share,
            stock_share,
            realize_share,
            ..
        } => AccountState {
            name: AccountName::Plan(index),
            kind: AccountKind::Taxable,
            owner: 0,
            balance: d(*balance),
            basis: d(*cost_basis),
            dividend_yield: d(*dividend_yield),
            reinvest_dividends: *dividends == Dividends::Reinvest,
            qualified_share: d(*qualified_share),
            stock_share: d(*stock_share),
            realize_share: d(*realize_share),
            penalty_free_age: 0,
            spouse_beneficiary: false,
            young: Default::default(),
            inherited: None,
        },
        Account::Deferred {
            owner,
            balance,
            stock_share,
            ..
        }
        | Account::Roth {
            owner,
            balance,
            stock_share,
            ..
        }
        | Account::Hsa {
            owner,
            balance,
            stock_share,
            ..
        } => AccountState {
            name: AccountName::Plan(index),
            kind: a.kind(),
            owner: *owner,
            balance: d(*balance),
            // A plan's Roth balance counts as contributions: only conversions the plan makes are
            // subject to the five-year rule.
            basis: if a.kind() == AccountKind::Roth {
                d(*balance)
            } else {
                N::ZERO
            },
            dividend_yield: N::ZERO,
            reinvest_dividends: false,
            qualified_share: N::ZERO,
            stock_share: d(*stock_share),
            realize_share: N::ZERO,
            penalty_free_age: penalty_free_age(a),
            spouse_beneficiary: a.spouse_beneficiary(),
            young: Default::default(),
            inherited: None,
        },
        Account::Cash { balance, .. } => AccountState {
            name: AccountName::Plan(index),
            kind: AccountKind::Cash,
            owner: 0,
            balance: d(*balance),
            basis: d(*balance),
            dividend_yield: N::ZERO,
            reinvest_dividends: false,
            qualified_share: N::ZERO,
            stock_share: N::ZERO,
            realize_share: N::ZERO,
            penalty_free_age: penalty_free_age(a),
            spouse_beneficiary: false,
            young: Default::default(),
            inherited: None,
        },
    }
}

/// Pension income each person receives in a year (private, then government), with COLAs and
/// survivor shares (a survivor pension is the survivor's income), in dollars of the year.
fn pensions(plan: &Plan, people: &[PersonInfo], year: i32, alive: &[bool; 2]) -> [[Decimal; 2]; 2] {
    let start = plan.assumptions.start_year;
    let mut each = [[Decimal::ZERO; 2]; 2];
    for p in &plan.income.pensions {
        let owner = &people[p.person];
        let begins = owner.birth_year + p.start_age as i32;
        if year < begins {
            continue;
        }
        let (share, to) = if alive[p.person] {
            (Decimal::ONE, p.person)
        } else if people.len() == 2 && alive[1 - p.person] {
            (p.survivor_share, 1 - p.person)
        } else {
            (Decimal::ZERO, p.person)
        };
        if share.is_zero() {
            continue;
        }
        let mut amount = p.amount;
        for _ in begins.max(start)..year {
            amount *= Decimal::ONE + p.cola;
        }
        each[to][usize::from(p.government)] += amount * share;
    }
    each
}

/// The age from whose year a tax-deferred account's draws (or a Roth account's young conversions)
/// bear no 10% additional tax.
fn penalty_free_age(a: &Account) -> u32 {
    const FREE: u32 = 60;
    let separation =
        EarlyWithdrawalTable::get().map_or(55, |t| t.rules::<Decimal>().separation_age);
    match a {
        Account::Deferred {
            employer_plan: true,
            separated_at_age: Some(age),
            ..
        } if *age >= separation => (*age).min(FREE),
        Account::Deferred { .. } | Account::Roth { .. } => FREE,
        _ => 0,
    }
}
