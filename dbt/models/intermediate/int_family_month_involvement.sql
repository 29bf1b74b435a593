with operations_months as (

    select * from {{ ref('int_operations_months') }}

),

family_members as (

    select * from {{ ref('family_members') }}

),

system_spells as (

    select * from {{ ref('int_person_system_spells') }}

),

open_holdings as (

    select * from {{ ref('int_open_holdings_month') }}

),

-- the part of each system spell during which its person belongs to the family
family_system_spells as (

    select
        family_members.kommunekode,
        family_members.family_id,
        system_spells.system,
        greatest(family_members.valid_from, system_spells.valid_from) as valid_from,
        least(family_members.valid_to, system_spells.valid_to) as valid_to
    from family_members
    inner join system_spells
        on family_members.kommunekode = system_spells.kommunekode
        and family_members.person_id = system_spells.person_id
        and family_members.valid_from <= system_spells.valid_to
        and family_members.valid_to >= system_spells.valid_from

),

family_systems as (

    select
        family_system_spells.kommunekode,
        family_system_spells.family_id,
        operations_months.month,
        count(distinct family_system_spells.system) as systems_n
    from family_system_spells
    inner join operations_months
        on family_system_spells.kommunekode = operations_months.kommunekode
        and operations_months.status_date
        between family_system_spells.valid_from and family_system_spells.valid_to
    group by family_system_spells.kommunekode, family_system_spells.family_id, operations_months.month

),

family_caseworkers as (

    select
        family_members.kommunekode,
        family_members.family_id,
        open_holdings.month,
        count(distinct open_holdings.caseworker_id) as caseworkers_n
    from open_holdings
    inner join family_members
        on open_holdings.kommunekode = family_members.kommunekode
        and open_holdings.person_id = family_members.person_id
        and open_holdings.status_date between family_members.valid_from and family_members.valid_to
    group by family_members.kommunekode, family_members.family_id, open_holdings.month

),

final as (

    select
        coalesce(family_systems.kommunekode, family_caseworkers.kommunekode) as kommunekode,
        coalesce(family_systems.family_id, family_caseworkers.family_id) as family_id,
        coalesce(family_systems.month, family_caseworkers.month) as month,
        coalesce(family_systems.systems_n, 0) as systems_n,
        coalesce(family_caseworkers.caseworkers_n, 0) as caseworkers_n
    from family_systems
    full outer join family_caseworkers
        on family_systems.kommunekode = family_caseworkers.kommunekode
        and family_systems.family_id = family_caseworkers.family_id
        and family_systems.month = family_caseworkers.month

)

select * from final
