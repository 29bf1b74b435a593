with covariates as (

    select * from {{ ref('int_comparison_covariates') }}

),

enrolled as (

    select * from covariates
    where unit_kind = 'enrolment'

),

pool as (

    select * from covariates
    where unit_kind = 'comparison_family'

),

pairs as (

    select
        enrolled.unit_id as enrolment_id,
        enrolled.kommunekode,
        enrolled.program,
        enrolled.match_month,
        pool.unit_id as comparison_family_id,
        -- lexicographic: placement and support first, then size and systems, then cost (docs/evaluation.md)
        1000 * (
            cast(enrolled.has_placement <> pool.has_placement as integer)
            + cast(enrolled.has_income_support <> pool.has_income_support as integer)
        )
        + 100 * (
            abs(least(enrolled.adults_n, 2) - least(pool.adults_n, 2))
            + abs(least(enrolled.children_n, 3) - least(pool.children_n, 3))
            + abs(enrolled.systems_n - pool.systems_n)
        )
        + abs(ln(1 + enrolled.cost_12_months_before_dkk) - ln(1 + pool.cost_12_months_before_dkk))
        + abs(ln(1 + enrolled.cost_3_months_before_dkk) - ln(1 + pool.cost_3_months_before_dkk))
            as distance
    from enrolled
    inner join pool
        on enrolled.kommunekode = pool.kommunekode
        and enrolled.match_month = pool.match_month

),

ranked as (

    select
        *,
        row_number() over (partition by enrolment_id order by distance, comparison_family_id) as match_rank
    from pairs

),

final as (

    select
        enrolment_id,
        kommunekode,
        program,
        match_month,
        comparison_family_id,
        match_rank,
        round(distance, 6) as distance
    from ranked
    where match_rank <= {{ var('comparison_matches_per_enrolment') }}

)

select * from final
