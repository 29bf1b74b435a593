with persons as (

    select * from {{ ref('stg_cpr__personer') }}

),

addresses as (

    select * from {{ ref('stg_cpr__husstande') }}

),

first_addresses as (

    select
        kommunekode,
        person_id,
        min(valid_from) as first_address_from
    from addresses
    group by kommunekode, person_id

),

registered as (

    select
        persons.kommunekode,
        persons.person_id,
        persons.birth_date,
        persons.moved_in_date,
        persons.moved_out_date,
        persons.death_date,
        persons.extract_date,
        first_addresses.first_address_from,
        greatest(persons.birth_date, coalesce(persons.moved_in_date, persons.birth_date)) as arrived,
        -- moved out before the last move-in: the person left and came back
        coalesce(persons.moved_out_date < persons.moved_in_date, false) as has_returned
    from persons
    left join first_addresses
        on persons.kommunekode = first_addresses.kommunekode
        and persons.person_id = first_addresses.person_id

),

stays as (

    -- the latest (or only) stay: from the move-in (or birth) to the day before moving out or dying
    select
        kommunekode,
        person_id,
        birth_date,
        extract_date,
        arrived as valid_from,
        least(
            case when not has_returned then moved_out_date - 1 end,
            death_date - 1,
            extract_date
        ) as valid_to
    from registered

    union all

    -- the stay before leaving, of a person who came back: from the first address (or birth) to the day before
    select
        kommunekode,
        person_id,
        birth_date,
        extract_date,
        greatest(birth_date, coalesce(first_address_from, birth_date)) as valid_from,
        least(moved_out_date - 1, death_date - 1, extract_date) as valid_to
    from registered
    where has_returned

),

final as (

    select
        kommunekode,
        person_id,
        birth_date,
        valid_from,
        valid_to,
        extract_date
    from stays
    where valid_from <= valid_to

)

select * from final
