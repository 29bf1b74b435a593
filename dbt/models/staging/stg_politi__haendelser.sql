-- Generated from data_contracts/politi__haendelser.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('politi', 'haendelser') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr as varchar) as person_id,
        cast(dato as date) as event_date,
        cast(type as varchar) as event_type

    from source

)

select * from renamed
