with addresses as (

    select * from {{ ref('stg_cpr__husstande') }}

),

residence as (

    select * from {{ ref('int_person_residence_spells') }}

),

final as (

    -- the part of each address period that lies in a stay in the municipality; open periods end at the extract date
    select
        residence.kommunekode,
        residence.person_id,
        residence.birth_date,
        addresses.address_id,
        greatest(addresses.valid_from, residence.valid_from) as valid_from,
        least(coalesce(addresses.valid_to, addresses.extract_date), residence.valid_to) as valid_to
    from addresses
    inner join residence
        on addresses.kommunekode = residence.kommunekode
        and addresses.person_id = residence.person_id
        and addresses.valid_from <= residence.valid_to
        and coalesce(addresses.valid_to, addresses.extract_date) >= residence.valid_from

)

select * from final
