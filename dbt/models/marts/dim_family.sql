with members as (

    select * from {{ ref('int_population_family_members') }}

),

final as (

    select
        family_id,
        kommunekode,
        valid_from,
        valid_to,
        min(person_id) as first_member_id,
        count(*) filter (where role <> 'child') as adults,
        count(*) filter (where role = 'parent') as parents,
        count(*) filter (where role = 'child') as children
    from members
    group by family_id, kommunekode, valid_from, valid_to

)

select * from final
