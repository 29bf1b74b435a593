with child_spells as (

    select * from {{ ref('int_family_child_spells') }}

),

links as (

    select * from {{ ref('int_family_links') }}

),

-- The SQL linter cannot parse DuckDB's USING KEY in what connected_components renders (PRS exempted below), so it
-- does not see that the macro reads these two CTEs (ST03 exempted).
nodes as ( -- noqa: ST03

    select distinct
        kommunekode,
        person_id as node_id
    from child_spells

    union

    select distinct
        kommunekode,
        adult_id as node_id
    from links

),

edges as ( -- noqa: ST03

    select distinct
        kommunekode,
        child_id as node_a,
        adult_id as node_b
    from links

),

components as (

    {{ connected_components('nodes', 'edges', ['kommunekode']) }} -- noqa: PRS

),

final as (

    select
        kommunekode,
        node_id as person_id,
        component_id as static_component_id
    from components

)

select * from final
