{% set matches_per_enrolment = var('comparison_matches_per_enrolment') %}

with covariates as (

    select
        unit_kind,
        unit_id,
        kommunekode,
        program,
        match_month,
        has_renewed_investigation,
        coalesce(renewed_investigation_months_before, -1) as referral_month,
        has_placement,
        has_income_support,
        least(adults_n, 2) as adults_capped,
        least(children_n, 3) as children_capped,
        systems_n,
        concat_ws(
            '|', has_renewed_investigation, coalesce(renewed_investigation_months_before, -1),
            has_placement, has_income_support,
            least(adults_n, 2), least(children_n, 3), systems_n
        ) as matching_cell,
        ln(1 + cost_12_months_before_dkk) as log_cost_12_months,
        ln(1 + cost_3_months_before_dkk) as log_cost_3_months
    from {{ ref('int_comparison_covariates') }}

),

enrolled as (

    select * from covariates
    where unit_kind = 'enrolment'

),

-- the candidates of a cell (municipality, month, renewed investigation and its month, placement, support, capped
-- size, systems)
-- in the order of the 12-month cost
pool as (

    select
        *,
        row_number() over (
            partition by kommunekode, match_month, matching_cell
            order by log_cost_12_months, unit_id
        ) as cost_rank
    from covariates
    where unit_kind = 'comparison_family'

),

cells as (

    select
        kommunekode,
        match_month,
        matching_cell,
        any_value(has_renewed_investigation) as has_renewed_investigation,
        any_value(referral_month) as referral_month,
        any_value(has_placement) as has_placement,
        any_value(has_income_support) as has_income_support,
        any_value(adults_capped) as adults_capped,
        any_value(children_capped) as children_capped,
        any_value(systems_n) as systems_n,
        count(*) as candidates_n
    from pool
    group by kommunekode, match_month, matching_cell

),

-- each 12-month cost a cell holds, with the first and last rank that hold it
cost_levels as (

    select
        kommunekode,
        match_month,
        matching_cell,
        log_cost_12_months,
        min(cost_rank) as first_rank,
        max(cost_rank) as last_rank
    from pool
    group by kommunekode, match_month, matching_cell, log_cost_12_months

),

-- the first two tiers of the distance (docs/evaluation.md) from an enrolment to every cell of its month
cell_distances as (

    select
        enrolled.unit_id as enrolment_id,
        enrolled.program,
        enrolled.log_cost_12_months,
        enrolled.log_cost_3_months,
        cells.*,
        100000 * cast(enrolled.has_renewed_investigation <> cells.has_renewed_investigation as integer)
        + 3000 * case
            when enrolled.has_renewed_investigation and cells.has_renewed_investigation
                then abs(enrolled.referral_month - cells.referral_month)
            else 0
        end
        + 1000 * (
            cast(enrolled.has_placement <> cells.has_placement as integer)
            + cast(enrolled.has_income_support <> cells.has_income_support as integer)
        )
        + 100 * (
            abs(enrolled.adults_capped - cells.adults_capped)
            + abs(enrolled.children_capped - cells.children_capped)
            + abs(enrolled.systems_n - cells.systems_n)
        ) as cell_distance
    from enrolled
    inner join cells
        on enrolled.kommunekode = cells.kommunekode
        and enrolled.match_month = cells.match_month

),

-- the cost terms stay below 100, so every match lies in the nearest cells that together hold enough candidates:
-- a cell is searched when the cells strictly nearer hold fewer than the matches wanted
enrolment_cells as (

    select
        *,
        coalesce(sum(candidates_n) over (
            partition by enrolment_id order by cell_distance
            range between unbounded preceding and 1 preceding
        ), 0) as candidates_in_nearer_cells_n
    from cell_distances
    qualify candidates_in_nearer_cells_n < {{ matches_per_enrolment }}

),

-- where the enrolment's 12-month cost falls among each searched cell's candidates
cost_positions as (

    select
        enrolment_cells.*,
        coalesce(cost_levels.last_rank, 0) as cost_position
    from enrolment_cells
    asof left join cost_levels
        on enrolment_cells.kommunekode = cost_levels.kommunekode
        and enrolment_cells.match_month = cost_levels.match_month
        and enrolment_cells.matching_cell = cost_levels.matching_cell
        and enrolment_cells.log_cost_12_months >= cost_levels.log_cost_12_months

),

-- the candidates on either side of that position: enough of them that the k-th nearest bounds the search
neighbour_distances as (

    {{ candidates_by_cost_rank(
        'cost_positions', 'pool',
        'greatest(1, cost_position - ' ~ matches_per_enrolment ~ ' + 1)',
        'least(candidates_n, cost_position + ' ~ matches_per_enrolment ~ ')'
    ) }}

),

nearest_neighbours as (

    select * from neighbour_distances
    qualify row_number() over (partition by enrolment_id order by distance) <= {{ matches_per_enrolment }}

),

search_radii as (

    select
        enrolment_id,
        max(distance) as search_radius
    from nearest_neighbours
    group by enrolment_id

),

-- a candidate within the radius differs in 12-month cost by at most the radius less its cell's distance
-- (widened by 1e-9 against rounding)
cost_bands as (

    select
        enrolment_cells.*,
        enrolment_cells.log_cost_12_months
        - (search_radii.search_radius - enrolment_cells.cell_distance) - 1e-9 as band_from,
        enrolment_cells.log_cost_12_months
        + (search_radii.search_radius - enrolment_cells.cell_distance) + 1e-9 as band_to
    from enrolment_cells
    inner join search_radii on enrolment_cells.enrolment_id = search_radii.enrolment_id
    where search_radii.search_radius >= enrolment_cells.cell_distance

),

band_starts as (

    select
        cost_bands.*,
        cost_levels.first_rank as band_first_rank
    from cost_bands
    asof inner join cost_levels
        on cost_bands.kommunekode = cost_levels.kommunekode
        and cost_bands.match_month = cost_levels.match_month
        and cost_bands.matching_cell = cost_levels.matching_cell
        and cost_bands.band_from <= cost_levels.log_cost_12_months

),

band_ranks as (

    select
        band_starts.*,
        cost_levels.last_rank as band_last_rank
    from band_starts
    asof inner join cost_levels
        on band_starts.kommunekode = cost_levels.kommunekode
        and band_starts.match_month = cost_levels.match_month
        and band_starts.matching_cell = cost_levels.matching_cell
        and band_starts.band_to >= cost_levels.log_cost_12_months

),

pairs as (

    {{ candidates_by_cost_rank('band_ranks', 'pool', 'band_first_rank', 'band_last_rank') }}

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
