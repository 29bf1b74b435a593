with members as (

    select * from {{ ref('stg_program__deltagelse') }}

),

member_spells as (

    select
        kommunekode,
        familie_ref,
        program,
        casemanager_id,
        extract_date,
        start_date,
        -- no end, or a planned end after the snapshot: still enrolled on the extract date
        end_date is null or end_date > extract_date as is_open,
        least(coalesce(end_date, extract_date), extract_date) as end_date
    from members

),

numbered as (

    {{ spell_groups('member_spells', 'kommunekode, familie_ref, program') }}

),

final as (

    select
        kommunekode || '-' || familie_ref || '-' || program || '-'
        || strftime(min(start_date), '%Y-%m-%d') as enrolment_id,
        kommunekode,
        kommunekode || '-' || familie_ref as family_id,
        familie_ref,
        program,
        min(start_date) as enrolment_start,
        max(end_date) as enrolment_end,
        bool_or(is_open) as is_open,
        arg_max(casemanager_id, start_date) filter (where casemanager_id is not null) as casemanager_id,
        max(extract_date) as extract_date
    from numbered
    group by kommunekode, familie_ref, program, spell_group

)

select * from final
