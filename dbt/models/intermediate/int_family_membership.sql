with enrolment_members as (

    select * from {{ ref('int_enrolment_members') }}

),

final as (

    select
        kommunekode,
        family_id,
        program,
        person_id,
        arg_min(role, member_start) as role,
        any_value(sex) as sex,
        any_value(birth_date) as birth_date,
        min(member_start) as first_member_start,
        max(member_end) as last_member_end,
        cast(min(member_start) - interval 12 month as date) as member_from,
        max(member_end) as member_to
    from enrolment_members
    group by kommunekode, family_id, program, person_id

)

select * from final
