{% set matches_per_enrolment = var('comparison_matches_per_enrolment') %}

with covariates as (

    select
        *,
        -- the first two tiers of the distance: within a cell the distance is below 100, across cells at least 100
        concat_ws(
            '|', has_placement, has_income_support, least(adults_n, 2), least(children_n, 3), systems_n
        ) as matching_cell
    from {{ ref('int_comparison_covariates') }}

),

enrolled as (

    select * from covariates
    where unit_kind = 'enrolment'

),

pool as (

    select * from covariates
    where unit_kind = 'comparison_family'

),

cell_sizes as (

    select
        kommunekode,
        match_month,
        matching_cell,
        count(*) as candidates_n
    from pool
    group by kommunekode, match_month, matching_cell

),

enrolled_cells as (

    select
        enrolled.unit_id,
        enrolled.kommunekode,
        enrolled.match_month,
        enrolled.matching_cell,
        coalesce(cell_sizes.candidates_n, 0) >= {{ matches_per_enrolment }} as cell_has_enough
    from enrolled
    left join cell_sizes
        on enrolled.kommunekode = cell_sizes.kommunekode
        and enrolled.match_month = cell_sizes.match_month
        and enrolled.matching_cell = cell_sizes.matching_cell

),

candidate_pairs as (

    -- the nearest candidates are in the enrolment's own cell when it holds enough of them (the same matches as
    -- comparing with every candidate, with far fewer pairs); otherwise every candidate
    select
        enrolled_cells.unit_id as enrolment_id,
        pool.unit_id as comparison_family_id,
        pool.match_month
    from enrolled_cells
    inner join pool
        on enrolled_cells.kommunekode = pool.kommunekode
        and enrolled_cells.match_month = pool.match_month
        and enrolled_cells.matching_cell = pool.matching_cell
    where enrolled_cells.cell_has_enough
    union all
    select
        enrolled_cells.unit_id as enrolment_id,
        pool.unit_id as comparison_family_id,
        pool.match_month
    from enrolled_cells
    inner join pool
        on enrolled_cells.kommunekode = pool.kommunekode
        and enrolled_cells.match_month = pool.match_month
    where not enrolled_cells.cell_has_enough

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
    from candidate_pairs
    inner join enrolled on candidate_pairs.enrolment_id = enrolled.unit_id
    inner join pool
        on candidate_pairs.comparison_family_id = pool.unit_id
        and candidate_pairs.match_month = pool.match_month

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
    where match_rank <= {{ matches_per_enrolment }}

)

select * from final
