with residence as (

    select * from {{ ref('int_person_residence_spells') }}

),

final as (

    -- resident and under 18: to the day before the 18th birthday
    select
        kommunekode,
        person_id,
        birth_date,
        valid_from,
        least(valid_to, cast(birth_date + interval '18 years' as date) - 1) as valid_to
    from residence
    where valid_from < cast(birth_date + interval '18 years' as date)

)

select * from final
