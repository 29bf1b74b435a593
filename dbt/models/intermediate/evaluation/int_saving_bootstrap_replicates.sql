with cohort_enrolments as (

    select * from {{ ref('int_cohort_enrolments') }}

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

final as (

    select
        draws.kommunekode,
        draws.program,
        draws.cohort,
        draws.replicate,
        sum(cohort_enrolments.saving_dkk) as saving_dkk
    from draws
    inner join cohort_enrolments
        on draws.kommunekode = cohort_enrolments.kommunekode
        and draws.program = cohort_enrolments.program
        and draws.cohort = cohort_enrolments.cohort
        and draws.slot = cohort_enrolments.slot
    group by draws.kommunekode, draws.program, draws.cohort, draws.replicate

)

select * from final
