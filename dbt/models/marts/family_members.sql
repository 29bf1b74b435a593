with members as (

    select * from {{ ref('int_population_family_members') }}

),

final as (

    select
        kommunekode,
        family_id,
        person_id,
        role,
        valid_from,
        valid_to
    from members

)

select * from final
