-- Generated from data_contracts/boern__sager.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('boern', 'sager') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(sag_id as varchar) as case_id,
        cast(cpr_barn as varchar) as child_id,
        cast(aabnet as date) as opened_date,
        cast(lukket as date) as closed_date,
        cast(sagsbehandler_id as varchar) as caseworker_id,
        cast(lukkeaarsag as varchar) as closing_reason

    from source

)

select * from renamed
