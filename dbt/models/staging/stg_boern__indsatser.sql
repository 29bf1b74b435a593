-- Generated from data_contracts/boern__indsatser.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('boern', 'indsatser') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(indsats_id as varchar) as measure_id,
        cast(sag_id as varchar) as case_id,
        cast(cpr_barn as varchar) as child_id,
        cast(kode as varchar) as measure_code,
        cast(lovhjemmel as varchar) as legal_basis,
        cast(start as date) as start_date,
        cast(slut as date) as end_date,
        cast(udbyder as varchar) as provider,
        cast(takst_kr as double) as rate_dkk,
        cast(takst_enhed as varchar) as rate_unit,
        cast(timer_pr_uge as double) as hours_per_week

    from source

)

select * from renamed
