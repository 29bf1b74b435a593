-- Generated from data_contracts/cpr__personer.odcs.yaml
-- by `python -m pipelines.ingest.dbt_schema --write`: change the contract, not this file.
with source as (

    select * from {{ source('cpr', 'personer') }}

),

renamed as (

    select
        kommunekode,
        extract_date,
        source_row,
        cast(cpr as varchar) as person_id,
        cast(koen as varchar) as sex,
        cast(foedselsdato as date) as birth_date,
        cast(tilflytning as date) as moved_in_date,
        cast(fraflytning as date) as moved_out_date,
        cast(doedsdato as date) as death_date

    from source

)

select * from renamed
