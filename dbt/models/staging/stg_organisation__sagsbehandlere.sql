-- Generated from data_contracts/organisation__sagsbehandlere.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('organisation', 'sagsbehandlere') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(sagsbehandler_id as varchar) as caseworker_id,
        cast(afdeling as varchar) as department,
        cast(fra_dato as date) as valid_from,
        cast(til_dato as date) as valid_to

    from source

)

select * from renamed
