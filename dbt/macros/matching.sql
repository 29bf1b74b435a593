{#
    The candidates of `pool` whose cost rank in their cell lies between `first_rank` and `last_rank` (expressions
    over `ranges`, one row per enrolment and searched cell), each with its distance to the enrolment: the cell's
    distance plus the absolute differences of ln(1 + cost) over 12 and 3 months (docs/evaluation.md).
    Used twice by int_comparison_matches: for the cost neighbours that bound the search, then for the band.
#}
{% macro candidates_by_cost_rank(ranges, pool, first_rank, last_rank) %}
    select
        enrolment_cells.enrolment_id,
        enrolment_cells.kommunekode,
        enrolment_cells.program,
        enrolment_cells.match_month,
        {{ pool }}.unit_id as comparison_family_id,
        enrolment_cells.cell_distance
        + abs(enrolment_cells.log_cost_12_months - {{ pool }}.log_cost_12_months)
        + abs(enrolment_cells.log_cost_3_months - {{ pool }}.log_cost_3_months) as distance
    from (
        select
            *,
            unnest(range({{ first_rank }}, {{ last_rank }} + 1)) as cost_rank
        from {{ ranges }}
    ) as enrolment_cells
    inner join {{ pool }}
        on enrolment_cells.kommunekode = {{ pool }}.kommunekode
        and enrolment_cells.match_month = {{ pool }}.match_month
        and enrolment_cells.matching_cell = {{ pool }}.matching_cell
        and enrolment_cells.cost_rank = {{ pool }}.cost_rank
{% endmacro %}
