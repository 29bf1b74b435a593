{#
    Connected components of an undirected graph, separately in each partition: every node gets the smallest
    node_id it is connected to. `nodes` has the partition columns and node_id (every node, also one without
    edges); `edges` has the partition columns, node_a and node_b (both among the nodes). Renders a select of
    the partition columns, node_id and component_id.

    DuckDB: label propagation in a recursive CTE keyed on the node (USING KEY), so each round touches only
    the nodes whose label just fell; the work is edges x rounds, rounds being at most the component's
    diameter. Other databases: the portable form, every node's reach by a plain recursive CTE, which is
    quadratic in the size of a component (fine for families of a handful of people).
#}
{% macro connected_components(nodes, edges, partition_columns) %}
    {{ return(adapter.dispatch('connected_components')(nodes, edges, partition_columns)) }}
{% endmacro %}

{% macro _same_partition(left, right, partition_columns) -%}
    {%- for column in partition_columns %}{{ left }}.{{ column }} = {{ right }}.{{ column }} and {% endfor -%}
{%- endmacro %}

{% macro duckdb__connected_components(nodes, edges, partition_columns) %}
    {%- set p = partition_columns | join(', ') %}
    with recursive directed as materialized (
        select {{ p }}, node_a as node_from, node_b as node_to from {{ edges }}
        union all
        select {{ p }}, node_b as node_from, node_a as node_to from {{ edges }}
    ),

    labels ({{ p }}, node_id, component_id) using key ({{ p }}, node_id) as (
        select {{ p }}, node_id, node_id from {{ nodes }}
        union
        select
            {% for column in partition_columns %}directed.{{ column }}, {% endfor %}
            directed.node_to,
            min(labels.component_id)
        from labels
        inner join directed
            on {{ _same_partition('labels', 'directed', partition_columns) }}labels.node_id = directed.node_from
        inner join recurring.labels as current_labels
            on {{ _same_partition('current_labels', 'directed', partition_columns) }}current_labels.node_id
            = directed.node_to
        group by
            {% for column in partition_columns %}directed.{{ column }}, {% endfor %}
            directed.node_to, current_labels.component_id
        having min(labels.component_id) < current_labels.component_id
    )

    select {{ p }}, node_id, component_id from labels
{% endmacro %}

{% macro default__connected_components(nodes, edges, partition_columns) %}
    {%- set p = partition_columns | join(', ') %}
    with recursive directed as (
        select {{ p }}, node_a as node_from, node_b as node_to from {{ edges }}
        union all
        select {{ p }}, node_b as node_from, node_a as node_to from {{ edges }}
    ),

    reach ({{ p }}, start_id, node_id) as (
        select {{ p }}, node_id, node_id from {{ nodes }}
        union
        select
            {% for column in partition_columns %}reach.{{ column }}, {% endfor %}
            reach.start_id,
            directed.node_to
        from reach
        inner join directed
            on {{ _same_partition('reach', 'directed', partition_columns) }}reach.node_id = directed.node_from
    )

    select {{ p }}, node_id, min(start_id) as component_id from reach group by {{ p }}, node_id
{% endmacro %}
