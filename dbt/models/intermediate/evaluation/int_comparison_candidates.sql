with match_months as (

    select * from {{ ref('int_match_months') }}

),

system_spells as (

    select * from {{ ref('int_person_system_spells') }}

),

family_members as (

    select * from {{ ref('family_members') }}

),

programme_members as (

    select * from {{ ref('stg_program__deltagelse') }}

),

involved_persons as (

    select distinct
        match_months.kommunekode,
        match_months.match_month,
        system_spells.person_id
    from match_months
    inner join system_spells
        on match_months.kommunekode = system_spells.kommunekode
        and match_months.match_month between system_spells.valid_from and system_spells.valid_to

),

involved_families as (

    select distinct
        involved_persons.kommunekode,
        involved_persons.match_month,
        family_members.family_id
    from involved_persons
    inner join family_members
        on involved_persons.kommunekode = family_members.kommunekode
        and involved_persons.person_id = family_members.person_id
        and involved_persons.match_month between family_members.valid_from and family_members.valid_to

),

members as (

    -- a family spell has fixed members, so every member row of the spell covers the month
    select
        involved_families.kommunekode,
        involved_families.match_month,
        involved_families.family_id,
        family_members.person_id,
        family_members.role
    from involved_families
    inner join family_members
        on involved_families.kommunekode = family_members.kommunekode
        and involved_families.family_id = family_members.family_id

),

ever_enrolled_families as (

    select distinct
        members.kommunekode,
        members.family_id
    from members
    inner join programme_members
        on members.kommunekode = programme_members.kommunekode
        and members.person_id = programme_members.person_id

),

final as (

    select members.*
    from members
    left join ever_enrolled_families
        on members.kommunekode = ever_enrolled_families.kommunekode
        and members.family_id = ever_enrolled_families.family_id
    where ever_enrolled_families.family_id is null

)

select * from final
