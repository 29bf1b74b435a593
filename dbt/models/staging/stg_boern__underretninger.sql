-- Kept by hand: does more than rename and cast. Its columns must be those of
-- stg_boern__underretninger.yml, generated from the contract (tests/contracts/test_dbt_schema.py checks).
with source as (

    select * from {{ source('boern', 'underretninger') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(underretning_id as varchar) as notification_id,
        cast(cpr_barn as varchar) as child_id,
        cast(modtaget as date) as received_date,
        cast(kilde as varchar) as notification_source,
        akut = 'J' as is_urgent

    from source

)

select * from renamed
