-- Generated from data_contracts/voksen__indsatser.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('voksen', 'indsatser') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(indsats_id as varchar) as measure_id,
        cast(cpr as varchar) as person_id,
        cast(paragraf as varchar) as measure_code,
        cast(start as date) as start_date,
        cast(slut as date) as end_date,
        cast(sagsbehandler_id as varchar) as caseworker_id,
        cast(takst_kr as double) as rate_dkk,
        cast(takst_enhed as varchar) as rate_unit

    from source

)

select * from renamed
