-- Generated from data_contracts/jobcenter__indsatser.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('jobcenter', 'indsatser') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr as varchar) as person_id,
        cast(indsats as varchar) as activation_code,
        cast(fra_dato as date) as valid_from,
        cast(til_dato as date) as valid_to

    from source

)

select * from renamed
