//! The year-by-year ledger of one projection.

use super::strategy::Note;
use crate::num::Num;
use crate::tax::{Filing, Owners, TaxBreakdown};

/// Balances by tax world at a point in time.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Balances<N> {
    pub cash: N,
    pub taxable: N,
    /// Cost basis of the taxable accounts.
    pub basis: N,
    pub deferred: N,
    pub roth: N,
    /// Health savings accounts.
    pub hsa: N,
}

impl<N: Num> Balances<N> {
    pub fn total(&self) -> N {
        self.cash + self.taxable + self.deferred + self.roth + self.hsa
    }

    /// What heirs keep: tax-deferred money and HSAs (the whole balance is income to an heir
    /// other than a spouse) after their income tax; Roth in full; taxable assets with the basis
    /// stepped up at death, so in full; cash in full.
    pub fn after_tax_estate(&self, heirs_rate: N) -> N {
        self.cash + self.taxable + self.roth + (self.deferred + self.hsa) * (N::ONE - heirs_rate)
    }
}

/// One year of one strategy: every flow, the taxes, and the balances.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow<N> {
    pub year: i32,
    pub ages: [u32; 2],
    pub alive: [bool; 2],
    pub filing: Filing,
    /// Prices relative to the plan's first year, during the year and at its end.
    pub price_level: N,
    pub price_level_end: N,
    /// Today's dollars per dollar of the year (the scenario's [`deflator`](super::deflator)).
    pub deflator: N,

    // Income received.
    pub social_security: N,
    pub pensions: N,
    pub wages: N,
    /// Net profit from self-employment.
    pub self_employment: N,
    pub other_income: N,
    /// Money received once from outside the accounts (an inheritance, a home sold), and the
    /// part of it taxed as long-term capital gain.
    pub windfall: N,
    pub windfall_gain: N,
    /// Dividends of the taxable accounts, all of them income of the year (paid out or not).
    pub dividends: N,
    /// The part of `dividends` reinvested in their accounts (`dividends: Reinvest`): taxed, but
    /// no cash for the year; it is in the closing balances and their basis.
    pub dividends_reinvested: N,
    pub qualified_dividends: N,
    /// Interest of the cash accounts, paid out.
    pub interest: N,

    // Money taken from the accounts.
    pub rmd: N,
    /// Tax-deferred draws beyond the RMD.
    pub deferred_draw: N,
    /// The part of `deferred_draw` the strategy drew whatever the year needed (a fill beyond
    /// the need); what the need and the taxes left of it is in `reinvested`.
    pub fixed_deferred: N,
    /// Roth money drawn, `roth_payout` included.
    pub roth_draw: N,
    /// What an inherited Roth IRA had to pay out this year (an unmarried partner's: over their
    /// life expectancy, or all of it by the tenth year), tax-free.
    pub roth_payout: N,
    pub cash_draw: N,
    /// Proceeds of taxable sales.
    pub taxable_sale: N,
    /// Long-term gain realised by those sales.
    pub realized_gain: N,
    /// Gain realised by fund turnover inside the taxable accounts.
    pub turnover_gain: N,
    /// Gain realised by selling and rebuying to raise the basis.
    pub harvested_gain: N,
    /// Tax-deferred money moved to Roth.
    pub conversion: N,

    // Where the money went.
    /// The year's after-tax need (living costs and one-offs).
    pub spending: N,
    /// What the spending guardrails did this year (`guardrail_moved`): negative a cut (-2 after
    /// a skipped raise for inflation), 1 a raise, 2 a skipped raise alone, 0 nothing.
    pub guardrail: i8,
    pub spending_paid: N,
    /// Gifts to charity made, of which `qcd` went from IRAs straight to the charity
    /// (qualified charitable distributions: not income, part of the RMDs they met).
    pub charity: N,
    pub qcd: N,
    pub shortfall: N,
    pub federal_tax: N,
    pub state_tax: N,
    /// Medicare IRMAA surcharges paid this year (set by MAGI of two years earlier).
    pub irmaa: N,
    pub irmaa_tier: u8,
    /// The Marketplace premium paid, net of the premium tax credit.
    pub marketplace_premium: N,
    /// The premium tax credit the year's income left (it is netted in the premium).
    pub aca_credit: N,
    /// Household MAGI as the credit counts it (zero without Marketplace coverage).
    pub aca_magi: N,
    /// The income limit of the credit (400% of the poverty line) when the year has one and
    /// someone is on the Marketplace, else zero.
    pub aca_line: N,
    /// Medicare Part B and Part D base premiums paid.
    pub medicare_premium: N,
    /// Social Security and Medicare taxes on wages.
    pub payroll_tax: N,
    /// The 10% additional tax on tax-deferred draws before 59½, and the 20% on HSA money spent on
    /// other than medical costs before 65.
    pub early_withdrawal_tax: N,
    /// Put into HSAs from wages, before income and payroll tax.
    pub hsa_contribution: N,
    /// Deferred from wages to employer plans (401(k) and the like), before tax and to Roth.
    pub deferrals: N,
    /// The plan's medical costs paid (besides premiums).
    pub medical_costs: N,
    /// Taken from HSAs tax-free for medical costs and, from 65, Medicare premiums.
    pub hsa_medical: N,
    /// Taken from HSAs for anything else (ordinary income), once the other accounts ran out.
    pub hsa_draw: N,
    /// Money left over after the need and the taxes and added to a cash or taxable account
    /// (reinvested dividends are not in it: see `dividends_reinvested`).
    pub reinvested: N,
    /// Investment growth of the year (excluding dividends and interest paid out).
    pub growth: N,

    pub opening: Balances<N>,
    pub closing: Balances<N>,
    pub tax: TaxBreakdown<N>,
    /// Federal plus state tax, plus Marketplace premium credit lost, on the next $1 of
    /// tax-deferred money.
    pub marginal_ordinary: N,
    /// The part of `marginal_ordinary` (and `marginal_gain`) that is premium credit lost: the
    /// net Marketplace premium's rise with MAGI. Zero off the Marketplace.
    pub marginal_premium: N,
    /// Federal plus state tax, plus premium credit lost, on the next $1 of long-term gain.
    pub marginal_gain: N,
    /// What the strategy aimed at this year, for explanations.
    pub note: Note<f64>,
    /// Whose income was whose (for a state return and its explanations).
    pub owners: Owners<N>,
}

impl<N: Num> YearRow<N> {
    /// Income that arrives from outside the accounts.
    pub fn income(&self) -> N {
        self.social_security
            + self.pensions
            + self.wages
            + self.self_employment
            + self.other_income
            + self.windfall
            + self.dividends
            + self.interest
    }

    /// Roth money the strategy chose to draw: the Roth draw less an inherited Roth's required
    /// payout.
    pub fn elective_roth(&self) -> N {
        self.roth_draw - self.roth_payout
    }

    /// Income besides Social Security and the accounts' own: pensions, wages, business profit,
    /// other income and windfalls (what the charts stack as one source).
    pub fn pay_and_other(&self) -> N {
        self.pensions + self.wages + self.self_employment + self.other_income + self.windfall
    }

    /// Income and payroll taxes, the early-withdrawal tax and the IRMAA surcharge.
    pub fn taxes(&self) -> N {
        self.federal_tax
            + self.state_tax
            + self.irmaa
            + self.payroll_tax
            + self.early_withdrawal_tax
    }

    /// Health premiums: the net Marketplace premium and Medicare's base premiums.
    pub fn health(&self) -> N {
        self.marketplace_premium + self.medicare_premium
    }

    /// The ledger identity: opening balances + income + growth = spending + taxes + closing
    /// balances + health premiums + medical costs. Returns the difference (zero when the year adds up).
    pub fn identity_gap(&self) -> N {
        self.opening.total() + self.income() + self.growth
            - (self.spending_paid
                + self.charity
                + self.taxes()
                + self.health()
                + self.medical_costs
                + self.closing.total())
    }
}

/// The ledger of one strategy over the plan's years.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection<N> {
    pub strategy: String,
    pub rows: Vec<YearRow<N>>,
    pub heirs_rate: N,
}
