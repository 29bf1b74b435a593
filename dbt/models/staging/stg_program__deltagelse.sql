-- Generated from data_contracts/program__deltagelse.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('program', 'deltagelse') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(familie_ref as varchar) as familie_ref,
        cast(cpr as varchar) as person_id,
        cast(rolle as varchar) as role,
        cast(program as varchar) as program,
        cast(start as date) as start_date,
        cast(slut as date) as end_date,
        cast(casemanager_id as varchar) as casemanager_id

    from source

)

select * from renamed
