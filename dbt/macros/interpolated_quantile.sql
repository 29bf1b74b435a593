{#
    The value at a 1-based fractional `position` of the sorted list `values`, interpolated linearly between its
    neighbours: quantile_cont's definition, for a level that differs from row to row.
#}
{% macro interpolated_quantile(values, position) %}
    {{ values }}[cast(floor({{ position }}) as bigint)]
    + ({{ position }} - floor({{ position }}))
    * ({{ values }}[cast(ceil({{ position }}) as bigint)] - {{ values }}[cast(floor({{ position }}) as bigint)])
{% endmacro %}
