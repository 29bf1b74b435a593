-- Generated from data_contracts/program__maal.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('program', 'maal') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(familie_ref as varchar) as familie_ref,
        cast(maal_id as varchar) as goal_id,
        cast(cpr as varchar) as person_id,
        cast(domaene as varchar) as domain,
        cast(oprettet as date) as created_date,
        cast(status as varchar) as goal_status,
        cast(status_dato as date) as status_date

    from source

)

select * from renamed
