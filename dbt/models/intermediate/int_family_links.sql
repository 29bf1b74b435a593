with child_spells as (

    select * from {{ ref('int_family_child_spells') }}

),

residence as (

    select * from {{ ref('int_person_residence_spells') }}

),

address_spells as (

    select * from {{ ref('int_person_address_spells') }}

),

relations as (

    select * from {{ ref('stg_cpr__relationer') }}

),

placements as (

    select * from {{ ref('int_placement_periods') }}

),

parent_links as (

    -- child resident and under 18, parent resident, relation in force: the three spells' common days
    select
        child_spells.kommunekode,
        child_spells.person_id as child_id,
        relations.parent_id as adult_id,
        'parent' as link_kind,
        greatest(child_spells.valid_from, residence.valid_from, relations.valid_from) as start_date,
        least(child_spells.valid_to, residence.valid_to, coalesce(relations.valid_to, relations.extract_date))
            as end_date
    from child_spells
    inner join relations
        on child_spells.kommunekode = relations.kommunekode
        and child_spells.person_id = relations.child_id
        and child_spells.valid_to >= relations.valid_from
        and coalesce(relations.valid_to, relations.extract_date) >= child_spells.valid_from
    inner join residence
        on relations.kommunekode = residence.kommunekode
        and relations.parent_id = residence.person_id
        and child_spells.valid_to >= residence.valid_from
        and child_spells.valid_from <= residence.valid_to
    where relations.parent_id <> relations.child_id

),

placement_gaps as (

    -- the periods a child is not placed out of home: before, between and after its placements
    select
        kommunekode,
        person_id,
        coalesce(lag(end_date) over (partition by kommunekode, person_id order by start_date) + 1, date '0001-01-01')
            as start_date,
        start_date - 1 as end_date
    from placements

    union all

    select
        kommunekode,
        person_id,
        max(end_date) + 1 as start_date,
        date '9999-12-31' as end_date
    from placements
    group by kommunekode, person_id

),

children_at_home as (

    -- the child spells outside every placement
    select
        child_spells.kommunekode,
        child_spells.person_id,
        child_spells.valid_from,
        child_spells.valid_to
    from child_spells
    where
        not exists (
            select 1 from placements
            where
                placements.kommunekode = child_spells.kommunekode
                and placements.person_id = child_spells.person_id
        )

    union all

    select
        child_spells.kommunekode,
        child_spells.person_id,
        greatest(child_spells.valid_from, placement_gaps.start_date) as valid_from,
        least(child_spells.valid_to, placement_gaps.end_date) as valid_to
    from child_spells
    inner join placement_gaps
        on child_spells.kommunekode = placement_gaps.kommunekode
        and child_spells.person_id = placement_gaps.person_id
        and child_spells.valid_to >= placement_gaps.start_date
        and child_spells.valid_from <= placement_gaps.end_date

),

child_addresses as (

    select
        children_at_home.kommunekode,
        children_at_home.person_id,
        address_spells.address_id,
        greatest(children_at_home.valid_from, address_spells.valid_from) as valid_from,
        least(children_at_home.valid_to, address_spells.valid_to) as valid_to
    from children_at_home
    inner join address_spells
        on children_at_home.kommunekode = address_spells.kommunekode
        and children_at_home.person_id = address_spells.person_id
        and children_at_home.valid_to >= address_spells.valid_from
        and children_at_home.valid_from <= address_spells.valid_to

),

adult_addresses as (

    -- from the 18th birthday
    select
        kommunekode,
        person_id,
        address_id,
        greatest(valid_from, cast(birth_date + interval '18 years' as date)) as valid_from,
        valid_to
    from address_spells
    where valid_to >= cast(birth_date + interval '18 years' as date)

),

address_links as (

    select
        child_addresses.kommunekode,
        child_addresses.person_id as child_id,
        adult_addresses.person_id as adult_id,
        'address' as link_kind,
        greatest(child_addresses.valid_from, adult_addresses.valid_from) as start_date,
        least(child_addresses.valid_to, adult_addresses.valid_to) as end_date
    from child_addresses
    inner join adult_addresses
        on child_addresses.kommunekode = adult_addresses.kommunekode
        and child_addresses.address_id = adult_addresses.address_id
        and child_addresses.valid_to >= adult_addresses.valid_from
        and child_addresses.valid_from <= adult_addresses.valid_to
    where child_addresses.person_id <> adult_addresses.person_id

),

links as (

    select * from parent_links
    where start_date <= end_date

    union all

    select * from address_links
    where start_date <= end_date

),

numbered as (

    {{ spell_groups('links', 'kommunekode, child_id, adult_id, link_kind') }}

),

final as (

    select
        kommunekode,
        child_id,
        adult_id,
        link_kind,
        min(start_date) as valid_from,
        max(end_date) as valid_to
    from numbered
    group by kommunekode, child_id, adult_id, link_kind, spell_group

)

select * from final
