-- Generated from data_contracts/cpr__husstande.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('cpr', 'husstande') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr as varchar) as person_id,
        cast(adresse_id as varchar) as address_id,
        cast(fra_dato as date) as valid_from,
        cast(til_dato as date) as valid_to

    from source

)

select * from renamed
