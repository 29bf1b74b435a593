with cohort_enrolments as (

    select * from {{ ref('int_cohort_enrolments') }}

),

replicates as (

    select * from {{ ref('int_saving_bootstrap_replicates') }}

),

interval_levels as (

    select * from {{ ref('bootstrap_interval_levels') }}

),

matches as (

    select * from {{ ref('int_comparison_matches') }}

),

programme_costs as (

    select * from {{ ref('programme_costs') }}

),

totals as (

    select
        kommunekode,
        program,
        cohort,
        count(*) as enrolments_matched_n,
        sum(saving_dkk) as saving_dkk,
        sum(naive_saving_dkk) as naive_saving_dkk,
        sum(enrolment_days) as enrolment_days
    from cohort_enrolments
    group by kommunekode, program, cohort

),

sorted_replicates as (

    select
        kommunekode,
        program,
        cohort,
        list_sort(list(saving_dkk)) as savings,
        count(*) as replicates_n
    from replicates
    group by kommunekode, program, cohort

),

-- the expanded percentile interval: the replicates read at the cell's tail level and one minus it, interpolated
-- between neighbouring replicates as quantile_cont does (which takes only a constant level)
interval_positions as (

    select
        sorted_replicates.*,
        1 + (sorted_replicates.replicates_n - 1) * interval_levels.tail_level as low_position,
        1 + (sorted_replicates.replicates_n - 1) * (1 - interval_levels.tail_level) as high_position
    from sorted_replicates
    inner join totals
        on sorted_replicates.kommunekode = totals.kommunekode
        and sorted_replicates.program = totals.program
        and sorted_replicates.cohort = totals.cohort
    asof inner join interval_levels on totals.enrolments_matched_n >= interval_levels.enrolments_n

),

intervals as (

    select
        kommunekode,
        program,
        cohort,
        {{ interpolated_quantile('savings', 'low_position') }} as ci_low,
        {{ interpolated_quantile('savings', 'high_position') }} as ci_high
    from interval_positions

),

comparison_families as (

    select
        cohort_enrolments.kommunekode,
        cohort_enrolments.program,
        cohort_enrolments.cohort,
        count(distinct matches.comparison_family_id) as comparison_families_n
    from cohort_enrolments
    inner join matches on cohort_enrolments.enrolment_id = matches.enrolment_id
    group by cohort_enrolments.kommunekode, cohort_enrolments.program, cohort_enrolments.cohort

),

final as (

    select
        totals.kommunekode,
        totals.program,
        totals.cohort,
        totals.enrolments_matched_n,
        comparison_families.comparison_families_n,
        cast(totals.saving_dkk as decimal(18, 2)) as cost_saving_dkk,
        cast(intervals.ci_low as decimal(18, 2)) as cost_saving_dkk_ci_low,
        cast(intervals.ci_high as decimal(18, 2)) as cost_saving_dkk_ci_high,
        cast(
            totals.saving_dkk - programme_costs.dkk_per_family_year * totals.enrolment_days / 365 as decimal(18, 2)
        ) as cost_saving_net_dkk,
        cast(totals.naive_saving_dkk as decimal(18, 2)) as cost_saving_naive_dkk,
        'matched difference in differences: {{ var("comparison_matches_per_enrolment") }} never-enrolled families'
        || ' per enrolment; 95 % expanded percentile bootstrap interval over enrolments and comparison families'
        || ' ({{ var("bootstrap_replicates") }} replicates, seed {{ var("bootstrap_seed") }})' as saving_method
    from totals
    inner join intervals
        on totals.kommunekode = intervals.kommunekode
        and totals.program = intervals.program
        and totals.cohort = intervals.cohort
    left join comparison_families
        on totals.kommunekode = comparison_families.kommunekode
        and totals.program = comparison_families.program
        and totals.cohort = comparison_families.cohort
    left join programme_costs
        on totals.kommunekode = programme_costs.kommunekode
        and totals.program = programme_costs.program

)

select * from final
