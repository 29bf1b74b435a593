with cohort_enrolments as (

    select * from {{ ref('int_cohort_enrolments') }}

),

enrolment_savings as (

    select * from {{ ref('int_enrolment_savings') }}

),

match_changes as (

    select * from {{ ref('int_match_cost_changes') }}

),

cells as (

    select distinct
        kommunekode,
        program,
        cohort,
        enrolments_n
    from cohort_enrolments

),

draws as (

    -- resample the cell's enrolments with replacement; md5 of the fixed seed, so a re-run draws the same.
    -- The slot is the md5's upper 64 bits modulo the cell's size in 64-bit integers: a modulo of the whole
    -- 128-bit number costs 2.7 µs a row in DuckDB (10x the md5), and against a signed BIGINT DuckDB computes it
    -- in DOUBLE, whose rounding leaves only some slots ever drawn.
    select
        cells.kommunekode,
        cells.program,
        cells.cohort,
        replicates.replicate,
        1 + cast(
            cast(
                md5_number(
                    concat_ws(
                        '|', {{ var('bootstrap_seed') }}, cells.kommunekode, cells.program, cells.cohort,
                        replicates.replicate, draws.draw
                    )
                ) >> 64 as ubigint
            ) % cast(cells.enrolments_n as ubigint) as bigint
        ) as slot
    from cells
    cross join range(1, {{ var('bootstrap_replicates') }} + 1) as replicates (replicate)
    cross join lateral range(1, cells.enrolments_n + 1) as draws (draw)

),

drawn_enrolments as (

    select
        draws.kommunekode,
        draws.program,
        draws.cohort,
        draws.replicate,
        cohort_enrolments.enrolment_id,
        count(*) as times_drawn
    from draws
    inner join cohort_enrolments
        on draws.kommunekode = cohort_enrolments.kommunekode
        and draws.program = cohort_enrolments.program
        and draws.cohort = cohort_enrolments.cohort
        and draws.slot = cohort_enrolments.slot
    group by draws.kommunekode, draws.program, draws.cohort, draws.replicate, cohort_enrolments.enrolment_id

),

-- the comparison families are a sample too, and one family serves several enrolments: in each replicate every
-- comparison family of the cell gets one weight, -ln(u) with u uniform on (0, 1) from md5 (a Bayesian bootstrap
-- of the comparison families), shared by every enrolment it serves. Weights and means are DECIMAL, so the sums
-- do not depend on the order DuckDB adds them in.
weighted_matches as (

    select
        drawn_enrolments.*,
        match_changes.cost_change_dkk,
        cast(-ln(
            -- u from the md5's upper 53 bits, which a DOUBLE holds exactly
            (cast(
                md5_number(
                    concat_ws(
                        '|', {{ var('bootstrap_seed') }}, drawn_enrolments.kommunekode, drawn_enrolments.program,
                        drawn_enrolments.cohort, drawn_enrolments.replicate, match_changes.comparison_family_id
                    )
                ) >> 75 as double
            ) + 0.5) / 9007199254740992
        ) as decimal(18, 6)) as family_weight
    from drawn_enrolments
    inner join match_changes on drawn_enrolments.enrolment_id = match_changes.enrolment_id

),

comparison_means as (

    select
        kommunekode,
        program,
        cohort,
        replicate,
        enrolment_id,
        any_value(times_drawn) as times_drawn,
        cast(sum(family_weight * cost_change_dkk) / sum(family_weight) as decimal(18, 4))
            as comparison_cost_change_dkk
    from weighted_matches
    group by kommunekode, program, cohort, replicate, enrolment_id

),

final as (

    select
        comparison_means.kommunekode,
        comparison_means.program,
        comparison_means.cohort,
        comparison_means.replicate,
        sum(
            comparison_means.times_drawn
            * (comparison_means.comparison_cost_change_dkk - enrolment_savings.enrolled_cost_change_dkk)
        ) as saving_dkk
    from comparison_means
    inner join enrolment_savings on comparison_means.enrolment_id = enrolment_savings.enrolment_id
    group by comparison_means.kommunekode, comparison_means.program, comparison_means.cohort, comparison_means.replicate

)

select * from final
