with enrolment_savings as (

    select * from {{ ref('int_enrolment_savings') }}
    where saving_dkk is not null

),

matches as (

    select * from {{ ref('int_comparison_matches') }}

),

programme_costs as (

    select * from {{ ref('programme_costs') }}

),

cell_enrolments as (

    select
        kommunekode,
        program,
        'ALL' as cohort,
        enrolment_id,
        enrolment_days,
        saving_dkk,
        naive_saving_dkk
    from enrolment_savings
    union all
    select
        kommunekode,
        program,
        cohort,
        enrolment_id,
        enrolment_days,
        saving_dkk,
        naive_saving_dkk
    from enrolment_savings

),

numbered as (

    select
        *,
        row_number() over (partition by kommunekode, program, cohort order by enrolment_id) as slot,
        count(*) over (partition by kommunekode, program, cohort) as enrolments_n
    from cell_enrolments

),

cells as (

    select distinct
        kommunekode,
        program,
        cohort,
        enrolments_n
    from numbered

),

draws as (

    -- resample the cell's enrolments with replacement; md5 of the fixed seed, so a re-run draws the same.
    -- The modulus is taken in 128-bit integers: against a BIGINT, DuckDB computes it in DOUBLE, whose
    -- rounding leaves only some slots ever drawn.
    select
        cells.kommunekode,
        cells.program,
        cells.cohort,
        replicates.replicate,
        1 + cast(
            md5_number(
                concat_ws(
                    '|', {{ var('bootstrap_seed') }}, cells.kommunekode, cells.program, cells.cohort,
                    replicates.replicate, draws.draw
                )
            ) % cast(cells.enrolments_n as uhugeint) as bigint
        ) as slot
    from cells
    cross join range(1, {{ var('bootstrap_replicates') }} + 1) as replicates (replicate)
    cross join lateral range(1, cells.enrolments_n + 1) as draws (draw)

),

replicate_savings as (

    select
        draws.kommunekode,
        draws.program,
        draws.cohort,
        draws.replicate,
        sum(numbered.saving_dkk) as saving_dkk
    from draws
    inner join numbered
        on draws.kommunekode = numbered.kommunekode
        and draws.program = numbered.program
        and draws.cohort = numbered.cohort
        and draws.slot = numbered.slot
    group by draws.kommunekode, draws.program, draws.cohort, draws.replicate

),

intervals as (

    select
        kommunekode,
        program,
        cohort,
        quantile_cont(saving_dkk, 0.025) as ci_low,
        quantile_cont(saving_dkk, 0.975) as ci_high
    from replicate_savings
    group by kommunekode, program, cohort

),

comparison_families as (

    select
        numbered.kommunekode,
        numbered.program,
        numbered.cohort,
        count(distinct matches.comparison_family_id) as comparison_families_n
    from numbered
    inner join matches on numbered.enrolment_id = matches.enrolment_id
    group by numbered.kommunekode, numbered.program, numbered.cohort

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
    from numbered
    group by kommunekode, program, cohort

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
        || ' per enrolment; 95 % bootstrap interval over enrolments ({{ var("bootstrap_replicates") }}'
        || ' replicates, seed {{ var("bootstrap_seed") }})' as saving_method
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
