-- Generated from data_contracts/boern__undersoegelser.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('boern', 'undersoegelser') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(sag_id as varchar) as case_id,
        cast(start as date) as start_date,
        cast(slut as date) as end_date

    from source

)

select * from renamed
