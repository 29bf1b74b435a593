with child_spells as (

    select * from {{ ref('int_family_child_spells') }}

),

links as (

    select * from {{ ref('int_family_links') }}

),

static_components as (

    select * from {{ ref('int_family_static_components') }}

),

change_points as (

    -- the days on which something in the static component changes: a child spell or a link starts or ends
    select
        static_components.kommunekode,
        static_components.static_component_id,
        unnest([child_spells.valid_from, child_spells.valid_to + 1]) as change_date
    from child_spells
    inner join static_components
        on child_spells.kommunekode = static_components.kommunekode
        and child_spells.person_id = static_components.person_id

    union

    select
        static_components.kommunekode,
        static_components.static_component_id,
        unnest([links.valid_from, links.valid_to + 1]) as change_date
    from links
    inner join static_components
        on links.kommunekode = static_components.kommunekode
        and links.child_id = static_components.person_id

),

intervals as (

    -- elementary intervals: from one change point to the day before the next
    select
        kommunekode,
        static_component_id,
        interval_from,
        interval_to
    from (
        select
            kommunekode,
            static_component_id,
            change_date as interval_from,
            lead(change_date) over (
                partition by kommunekode, static_component_id order by change_date
            ) - 1 as interval_to
        from change_points
    ) as bounded
    where interval_to is not null

),

interval_children as (

    select
        intervals.kommunekode,
        intervals.static_component_id,
        intervals.interval_from,
        intervals.interval_to,
        child_spells.person_id
    from intervals
    inner join static_components
        on intervals.kommunekode = static_components.kommunekode
        and intervals.static_component_id = static_components.static_component_id
    inner join child_spells
        on static_components.kommunekode = child_spells.kommunekode
        and static_components.person_id = child_spells.person_id
        and intervals.interval_from between child_spells.valid_from and child_spells.valid_to

),

interval_links as (

    select
        intervals.kommunekode,
        intervals.static_component_id,
        intervals.interval_from,
        intervals.interval_to,
        links.child_id,
        links.adult_id,
        links.link_kind
    from intervals
    inner join static_components
        on intervals.kommunekode = static_components.kommunekode
        and intervals.static_component_id = static_components.static_component_id
    inner join links
        on static_components.kommunekode = links.kommunekode
        and static_components.person_id = links.child_id
        and intervals.interval_from between links.valid_from and links.valid_to

),

all_interval_nodes as (

    select
        kommunekode,
        static_component_id,
        interval_from,
        person_id as node_id
    from interval_children

    union

    select
        kommunekode,
        static_component_id,
        interval_from,
        adult_id as node_id
    from interval_links

),

interval_children_n as (

    select
        kommunekode,
        static_component_id,
        interval_from,
        count(*) as children_n
    from interval_children
    group by kommunekode, static_component_id, interval_from

),

single_child_components as (

    -- every link has a child at one end: with one child in the interval, everyone is linked to it
    select
        all_interval_nodes.kommunekode,
        all_interval_nodes.static_component_id,
        all_interval_nodes.interval_from,
        all_interval_nodes.node_id,
        min(all_interval_nodes.node_id) over (
            partition by
                all_interval_nodes.kommunekode, all_interval_nodes.static_component_id, all_interval_nodes.interval_from
        ) as component_id
    from all_interval_nodes
    inner join interval_children_n
        on all_interval_nodes.kommunekode = interval_children_n.kommunekode
        and all_interval_nodes.static_component_id = interval_children_n.static_component_id
        and all_interval_nodes.interval_from = interval_children_n.interval_from
    where interval_children_n.children_n = 1

),

-- The SQL linter cannot parse DuckDB's USING KEY in what connected_components renders (PRS exempted below), so it
-- does not see that the macro reads these two CTEs (ST03 exempted).
interval_nodes as ( -- noqa: ST03

    -- only intervals with two or more children need the label propagation
    select all_interval_nodes.*
    from all_interval_nodes
    inner join interval_children_n
        on all_interval_nodes.kommunekode = interval_children_n.kommunekode
        and all_interval_nodes.static_component_id = interval_children_n.static_component_id
        and all_interval_nodes.interval_from = interval_children_n.interval_from
    where interval_children_n.children_n > 1

),

interval_edges as ( -- noqa: ST03

    select distinct
        interval_links.kommunekode,
        interval_links.static_component_id,
        interval_links.interval_from,
        interval_links.child_id as node_a,
        interval_links.adult_id as node_b
    from interval_links
    inner join interval_children_n
        on interval_links.kommunekode = interval_children_n.kommunekode
        and interval_links.static_component_id = interval_children_n.static_component_id
        and interval_links.interval_from = interval_children_n.interval_from
    where interval_children_n.children_n > 1

),

multi_child_components as (

    {{ connected_components('interval_nodes', 'interval_edges', ['kommunekode', 'static_component_id', 'interval_from']) }} -- noqa: PRS

),

components as (

    select * from single_child_components
    union all
    select * from multi_child_components

),

parents as (

    select distinct
        kommunekode,
        static_component_id,
        interval_from,
        adult_id as person_id
    from interval_links
    where link_kind = 'parent'

),

children as (

    select distinct
        kommunekode,
        static_component_id,
        interval_from,
        person_id
    from interval_children

),

final as (

    select
        components.kommunekode,
        components.static_component_id,
        components.interval_from,
        intervals.interval_to,
        components.node_id as person_id,
        components.component_id as family_label,
        case
            when children.person_id is not null then 'child'
            when parents.person_id is not null then 'parent'
            else 'adult_at_address'
        end as role
    from components
    inner join intervals
        on components.kommunekode = intervals.kommunekode
        and components.static_component_id = intervals.static_component_id
        and components.interval_from = intervals.interval_from
    left join children
        on components.kommunekode = children.kommunekode
        and components.static_component_id = children.static_component_id
        and components.interval_from = children.interval_from
        and components.node_id = children.person_id
    left join parents
        on components.kommunekode = parents.kommunekode
        and components.static_component_id = parents.static_component_id
        and components.interval_from = parents.interval_from
        and components.node_id = parents.person_id

)

select * from final
