-- Generated from data_contracts/program__who5.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('program', 'who5') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr as varchar) as person_id,
        cast(dato as date) as assessment_date,
        cast(score as bigint) as who5_score

    from source

)

select * from renamed
