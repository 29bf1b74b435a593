-- Generated from data_contracts/voksen__vum.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('voksen', 'vum') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr as varchar) as person_id,
        cast(dato as date) as assessment_date,
        cast(tema as varchar) as theme,
        cast(score as bigint) as vum_score

    from source

)

select * from renamed
