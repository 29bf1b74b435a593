with persons as (

    select * from {{ ref('stg_cpr__personer') }}

),

residence as (

    select * from {{ ref('int_person_residence_spells') }}

),

stays as (

    select
        kommunekode,
        person_id,
        count(*) as stays_n,
        min(valid_from) as first_resident_from,
        max(valid_to) as last_resident_to,
        bool_or(valid_to = extract_date) as is_resident_at_extract
    from residence
    group by kommunekode, person_id

),

final as (

    select
        persons.kommunekode,
        persons.person_id,
        persons.birth_date,
        persons.sex,
        persons.death_date,
        persons.moved_in_date,
        persons.moved_out_date,
        stays.first_resident_from,
        stays.last_resident_to,
        coalesce(stays.stays_n, 0) as stays_n,
        coalesce(stays.is_resident_at_extract, false) as is_resident_at_extract,
        persons.extract_date
    from persons
    left join stays
        on persons.kommunekode = stays.kommunekode
        and persons.person_id = stays.person_id

)

select * from final
