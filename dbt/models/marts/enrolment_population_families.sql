with enrolments as (

    select * from {{ ref('int_enrolments') }}

),

enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

population_members as (

    select * from {{ ref('int_population_family_members') }}

),

members_at_start as (

    -- each enrolled member's population family on the enrolment start (none: not in any family that day)
    select
        enrolment_members.enrolment_id,
        enrolment_members.person_id,
        population_members.family_id as population_family_id
    from enrolment_members
    left join population_members
        on enrolment_members.kommunekode = population_members.kommunekode
        and enrolment_members.person_id = population_members.person_id
        and enrolment_members.enrolment_start between population_members.valid_from and population_members.valid_to

),

family_counts as (

    select
        enrolment_id,
        population_family_id,
        count(*) as enrolled_n
    from members_at_start
    where population_family_id is not null
    group by enrolment_id, population_family_id

),

main_families as (

    -- the population family holding the most enrolled members; a tie goes to the smallest family_id
    select
        enrolment_id,
        population_family_id,
        enrolled_n
    from (
        select
            *,
            row_number() over (
                partition by enrolment_id order by enrolled_n desc, population_family_id asc
            ) as rank_in_enrolment
        from family_counts
    ) as ranked
    where rank_in_enrolment = 1

),

population_family_sizes as (

    select
        family_id,
        count(*) as members_n
    from population_members
    group by family_id

),

member_counts as (

    select
        enrolment_id,
        count(*) as members_n,
        count(*) filter (where population_family_id is null) as members_in_no_population_family_n,
        count(distinct population_family_id) as population_families_n
    from members_at_start
    group by enrolment_id

),

final as (

    select
        enrolments.enrolment_id,
        enrolments.kommunekode,
        enrolments.family_id,
        enrolments.program,
        enrolments.enrolment_start,
        main_families.population_family_id,
        coalesce(member_counts.members_n, 0) as members_n,
        coalesce(main_families.enrolled_n, 0) as members_in_population_family_n,
        coalesce(member_counts.members_n, 0) - coalesce(main_families.enrolled_n, 0) as members_outside_n,
        coalesce(member_counts.members_in_no_population_family_n, 0) as members_in_no_population_family_n,
        coalesce(member_counts.population_families_n, 0) as population_families_n,
        coalesce(population_family_sizes.members_n, 0) as population_family_members_n,
        coalesce(population_family_sizes.members_n, 0) - coalesce(main_families.enrolled_n, 0)
            as population_family_not_enrolled_n
    from enrolments
    left join member_counts on enrolments.enrolment_id = member_counts.enrolment_id
    left join main_families on enrolments.enrolment_id = main_families.enrolment_id
    left join population_family_sizes on main_families.population_family_id = population_family_sizes.family_id

)

select * from final
