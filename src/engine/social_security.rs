//! Social Security claiming rules: full retirement age by birth year, reductions for claiming
//! early and credits for claiming late (SSA; 20 CFR 404.410 and 404.313), spousal amounts.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Full retirement age in months, by birth year.
pub fn full_retirement_age_months(birth_year: i32) -> u32 {
    match birth_year {
        ..=1954 => 66 * 12,
        1955 => 66 * 12 + 2,
        1956 => 66 * 12 + 4,
        1957 => 66 * 12 + 6,
        1958 => 66 * 12 + 8,
        1959 => 66 * 12 + 10,
        _ => 67 * 12,
    }
}

/// The share of the FRA benefit a worker receives when claiming at `claim_months` of age:
/// 5/9 of 1% less per month for the first 36 months early, 5/12 of 1% beyond; 2/3 of 1% more
/// per month of delay up to age 70.
pub fn worker_factor(birth_year: i32, claim_months: u32) -> Decimal {
    let fra = full_retirement_age_months(birth_year);
    if claim_months < fra {
        let early = Decimal::from(fra - claim_months);
        let first = early.min(dec!(36));
        let beyond = (early - dec!(36)).max(Decimal::ZERO);
        Decimal::ONE - first * dec!(5) / dec!(900) - beyond * dec!(5) / dec!(1200)
    } else {
        let late = Decimal::from(claim_months.min(70 * 12) - fra);
        Decimal::ONE + late * dec!(2) / dec!(300)
    }
}

/// The share of the full spousal amount (half the other's FRA benefit) received when claiming
/// at `claim_months`: 25/36 of 1% less per month for the first 36 months early, 5/12 of 1%
/// beyond; no credit for waiting past FRA.
pub fn spousal_factor(birth_year: i32, claim_months: u32) -> Decimal {
    let fra = full_retirement_age_months(birth_year);
    if claim_months >= fra {
        return Decimal::ONE;
    }
    let early = Decimal::from(fra - claim_months);
    let first = early.min(dec!(36));
    let beyond = (early - dec!(36)).max(Decimal::ZERO);
    Decimal::ONE - first * dec!(25) / dec!(3600) - beyond * dec!(5) / dec!(1200)
}

/// A surviving spouse's full retirement age in months, by birth year (SSA POMS RS 00615.003B;
/// two years later in the schedule than the worker's: 66 for 1945–1956, then two months a year
/// to 67 for 1962 and later).
pub fn survivor_full_retirement_age_months(birth_year: i32) -> u32 {
    match birth_year {
        ..=1939 => 65 * 12,
        1940..=1944 => 65 * 12 + 2 * (birth_year - 1939) as u32,
        1945..=1956 => 66 * 12,
        1957..=1961 => 66 * 12 + 2 * (birth_year - 1956) as u32,
        _ => 67 * 12,
    }
}

/// The share of the unreduced widow(er)'s benefit paid when survivor benefits start at
/// `entitled_months` of age: 28.5% less at 60, spread evenly over the months from 60 to the
/// survivor's full retirement age (POMS RS 00615.301: reduction = benefit × months early ×
/// .285 / months from 60 to FRA). None before 60 (the disabled-widow(er) rules are not
/// modelled).
pub fn survivor_factor(birth_year: i32, entitled_months: u32) -> Decimal {
    let fra = survivor_full_retirement_age_months(birth_year);
    let from = entitled_months.max(60 * 12);
    if from >= fra {
        return Decimal::ONE;
    }
    let span = Decimal::from(fra - 60 * 12);
    Decimal::ONE - Decimal::from(fra - from) * dec!(0.285) / span
}

/// What the deceased's record pays a surviving spouse, as a yearly amount in today's dollars.
/// `pia` is the deceased's full benefit at FRA, `deceased_birth` and `claim_months` their birth
/// year and claiming age in months (None: never claimed), `death_months` their age in months at
/// death; the survivor is born in `survivor_birth` and becomes entitled at `entitled_months`.
///
/// The unreduced widow(er)'s benefit is the PIA plus any delayed credits the deceased earned by
/// claiming late, or by not having claimed by death past FRA (20 CFR 404.313; POMS RS
/// 00615.702); it is reduced for a survivor under their FRA (RS 00615.301). When the deceased
/// had claimed early, the benefit is limited to the larger of the deceased's reduced benefit and
/// 82.5% of the PIA (the RIB-LIM, POMS RS 00615.320; the worksheet of RS 00615.322 pays the
/// reduced widow(er)'s benefit capped at that larger amount).
pub fn survivor_benefit(
    pia: Decimal,
    deceased_birth: i32,
    claim_months: Option<u32>,
    death_months: u32,
    survivor_birth: i32,
    entitled_months: u32,
) -> Decimal {
    let fra = full_retirement_age_months(deceased_birth);
    let claimed = claim_months.filter(|c| *c <= death_months);
    let (unreduced, rib_lim) = match claimed {
        Some(c) if c < fra => {
            let own = pia * worker_factor(deceased_birth, c);
            (pia, Some(own.max(pia * dec!(0.825))))
        }
        Some(c) => (pia * worker_factor(deceased_birth, c), None),
        // Never claimed: credits for the months from FRA to the month before death.
        None => (
            pia * worker_factor(deceased_birth, death_months.max(fra)),
            None,
        ),
    };
    let reduced = unreduced * survivor_factor(survivor_birth, entitled_months);
    match rib_lim {
        Some(limit) => reduced.min(limit),
        None => reduced,
    }
}

/// The spousal part a spouse with their own benefit receives: half the worker's PIA less the
/// spouse's own PIA, never below zero, times the spousal factor for the spouse's age when the
/// spousal benefit starts (POMS RS 00615.020: a dually entitled spouse is paid their own reduced
/// benefit plus the reduced excess). Yearly amounts, today's dollars.
pub fn spousal_excess(worker_pia: Decimal, own_pia: Decimal, factor: Decimal) -> Decimal {
    (worker_pia / Decimal::TWO - own_pia).max(Decimal::ZERO) * factor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claiming_at_62_and_70_with_fra_67() {
        // SSA: 70% at 62 and 124% at 70 for births 1960 and later
        assert_eq!(worker_factor(1961, 62 * 12), dec!(0.70));
        assert_eq!(worker_factor(1961, 70 * 12), dec!(1.24));
        assert_eq!(worker_factor(1961, 67 * 12), Decimal::ONE);
        // spouse at 62: 32.5% of the worker's PIA = 65% of the 50% amount
        assert_eq!(spousal_factor(1961, 62 * 12) * dec!(0.5), dec!(0.325));
    }

    #[test]
    fn fra_steps_for_1955_to_1959() {
        assert_eq!(full_retirement_age_months(1954), 792);
        assert_eq!(full_retirement_age_months(1957), 798);
        // AAII table: born 1957, 72.5% at 62, 128% at 70
        assert_eq!(worker_factor(1957, 62 * 12), dec!(0.725));
        assert_eq!(worker_factor(1957, 70 * 12), dec!(1.28));
        // household A: born 1957, claiming at 65 is 18 months early: 90%
        assert_eq!(worker_factor(1957, 65 * 12), dec!(0.90));
    }

    /// POMS RS 00615.301, the example of the alternative method: a widow born 6/15/1940
    /// (survivor FRA 65 and 2 months, 62 possible reduction months) entitled at 37 months
    /// before it; original benefit $987.60, reduction $987.60 × 37 × .285 / 62 = $167.97,
    /// rounded up to the dime $168.00: $819.60 payable.
    #[test]
    fn poms_reduced_widow_benefit_example() {
        assert_eq!(survivor_full_retirement_age_months(1940), 65 * 12 + 2);
        let entitled = survivor_full_retirement_age_months(1940) - 37;
        let reduction = dec!(987.60) * (Decimal::ONE - survivor_factor(1940, entitled));
        assert_eq!(reduction.round_dp(2), dec!(167.97));
        let up_to_dime = (reduction * dec!(10)).ceil() / dec!(10);
        assert_eq!(dec!(987.60) - up_to_dime, dec!(819.60));
    }

    /// SSA, "Survivors Benefits" (Pub. 05-10084): a widow(er) at full retirement age or older
    /// receives 100% of the deceased's benefit, from 60 to FRA 71½% to 99%. Survivor FRA for
    /// births 1962 and later is 67 (POMS RS 00615.003B), for 1957 66 and 2 months.
    #[test]
    fn survivor_at_60_is_71_5_percent() {
        assert_eq!(survivor_factor(1962, 60 * 12), dec!(0.715));
        assert_eq!(survivor_factor(1962, 67 * 12), Decimal::ONE);
        assert_eq!(survivor_factor(1962, 55 * 12), dec!(0.715));
        assert_eq!(survivor_full_retirement_age_months(1957), 66 * 12 + 2);
        assert_eq!(survivor_full_retirement_age_months(1950), 66 * 12);
        // a month before FRA: 0.285 / 84 less
        assert_eq!(
            survivor_factor(1962, 67 * 12 - 1),
            Decimal::ONE - dec!(0.285) / dec!(84)
        );
    }

    /// POMS RS 00615.320 (RIB-LIM): when the deceased had claimed early, the widow(er)'s benefit
    /// is limited to the larger of the deceased's reduced benefit and 82.5% of the PIA; the
    /// worksheet of RS 00615.322 (D) pays the reduced widow(er)'s benefit when it is the lowest.
    #[test]
    fn rib_lim_floor_of_82_5_percent() {
        let pia = dec!(12000); // $1,000 a month
        let died = 75 * 12;
        // Deceased claimed at 62 with FRA 67 ($700): a survivor at FRA gets 82.5% ($825).
        let at_fra = survivor_benefit(pia, 1962, Some(62 * 12), died, 1962, 67 * 12);
        assert_eq!(at_fra, dec!(9900));
        // Claimed at 66 (93⅓%): the deceased's own benefit is the larger limit.
        let at_66 = survivor_benefit(pia, 1962, Some(66 * 12), died, 1962, 67 * 12);
        assert_eq!(at_66.round_dp(2), dec!(11200.00));
        // A survivor at 60 gets the reduced 71.5% ($715), below both limits (sequence 1).
        let at_60 = survivor_benefit(pia, 1962, Some(62 * 12), died, 1962, 60 * 12);
        assert_eq!(at_60, dec!(8580));
        // GN 00204.045 C: RIB-LIM $633.50 against an unreduced widow's benefit of $740.50
        // (ratio 0.85550): a deceased with FRA 66 who claimed 26 months early (85.56%).
        let pia = dec!(740.50);
        let lim = survivor_benefit(pia, 1950, Some(66 * 12 - 26), died, 1950, 66 * 12);
        assert_eq!((lim * dec!(10)).floor() / dec!(10), dec!(633.50));
        assert_eq!(((dec!(633.50) / pia) * dec!(100000)).floor(), dec!(85550));
    }

    /// POMS RS 00615.702 and SSA's survivor pages: delayed retirement credits the deceased
    /// earned pass to a widow(er) at FRA; a worker who died past FRA before claiming earned
    /// credits up to death; one who died before FRA leaves the PIA.
    #[test]
    fn delayed_credits_pass_to_the_survivor() {
        let pia = dec!(12000);
        // claimed at 70 with FRA 67: 124%
        let late = survivor_benefit(pia, 1960, Some(70 * 12), 80 * 12, 1962, 67 * 12);
        assert_eq!(late, dec!(14880));
        // died at 68 and 11 months, never claimed: 23 months of credits = 115⅓%
        let unclaimed = survivor_benefit(pia, 1960, Some(70 * 12), 68 * 12 + 11, 1962, 67 * 12);
        assert_eq!(unclaimed.round_dp(2), dec!(13840.00));
        // died at 64 before claiming: the PIA, reduced for a survivor at 62 (FRA 67)
        let young = survivor_benefit(pia, 1960, Some(70 * 12), 64 * 12, 1962, 62 * 12);
        let factor = Decimal::ONE - dec!(60) * dec!(0.285) / dec!(84);
        assert_eq!(young, pia * factor);
    }

    /// SSA, "Benefits for spouses": a spouse at FRA gets up to half the worker's full benefit, at
    /// 62 with FRA 67 32.5%; a spouse with a benefit of their own gets it plus the reduced
    /// excess (POMS RS 00615.020). No delayed credits on the spousal part.
    #[test]
    fn spousal_excess_on_top_of_the_own_benefit() {
        let worker = dec!(24000);
        assert_eq!(
            spousal_excess(worker, Decimal::ZERO, spousal_factor(1962, 62 * 12)),
            dec!(7800)
        );
        assert_eq!(
            spousal_excess(worker, Decimal::ZERO, spousal_factor(1962, 70 * 12)),
            dec!(12000)
        );
        // own PIA $6,000: excess $6,000; at 64 (36 months early) 75% of it
        assert_eq!(
            spousal_excess(worker, dec!(6000), spousal_factor(1962, 64 * 12)),
            dec!(4500)
        );
        assert_eq!(
            spousal_excess(worker, dec!(13000), Decimal::ONE),
            Decimal::ZERO
        );
    }
}
