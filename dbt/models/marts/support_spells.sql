with support_segments as (

    select * from {{ ref('int_support_segments') }}

),

benefit_spells as (

    select * from {{ ref('stg_jobcenter__ydelser') }}

),

benefit_types as (

    select * from {{ ref('benefit_types') }}

),

-- segments up to the extract date; a segment wholly after it (a planned end) is not yet a cost
segments as (

    select
        kommunekode,
        person_id,
        segment_start,
        least(segment_end, extract_date) as segment_end,
        dkk_per_week,
        extract_date
    from support_segments
    where segment_start <= extract_date

),

flagged as (

    select
        *,
        case
            when lag(segment_end) over (partition by kommunekode, person_id order by segment_start) + 1 = segment_start
                then 0
            else 1
        end as is_new_spell
    from segments

),

numbered as (

    select
        *,
        sum(is_new_spell) over (
            partition by kommunekode, person_id order by segment_start rows unbounded preceding
        ) as spell_number
    from flagged

),

spells as (

    select
        kommunekode,
        person_id,
        spell_number,
        min(segment_start) as spell_start,
        max(segment_end) as spell_end,
        max(extract_date) as extract_date,
        sum({{ support_cost('dkk_per_week', "date_diff('day', segment_start, segment_end) + 1") }}) as cost_dkk
    from numbered
    group by kommunekode, person_id, spell_number

),

spell_benefits as (

    select
        spells.kommunekode,
        spells.person_id,
        spells.spell_start,
        string_agg(distinct benefit_spells.benefit_code, ',' order by benefit_spells.benefit_code) as benefits,
        min(benefit_spells.valid_from) as first_benefit_date,
        max(least(coalesce(benefit_spells.valid_to, spells.extract_date), spells.extract_date)) as last_benefit_date,
        bool_or(benefit_spells.valid_to is null or benefit_spells.valid_to > spells.extract_date) as is_open
    from spells
    inner join benefit_spells
        on spells.kommunekode = benefit_spells.kommunekode
        and spells.person_id = benefit_spells.person_id
        and spells.spell_end >= benefit_spells.valid_from
        and spells.spell_start <= coalesce(benefit_spells.valid_to, benefit_spells.extract_date)
    inner join benefit_types on benefit_spells.benefit_code = benefit_types.code
    where benefit_types.is_public_income_support
    group by spells.kommunekode, spells.person_id, spells.spell_start

),

final as (

    select
        spells.kommunekode,
        spells.person_id,
        cast(spells.spell_number as bigint) as spell_number,
        spells.spell_start,
        spells.spell_end,
        spell_benefits.first_benefit_date,
        spell_benefits.last_benefit_date,
        spell_benefits.benefits,
        cast(date_diff('day', spells.spell_start, spells.spell_end) // 7 + 1 as bigint) as weeks,
        spell_benefits.is_open,
        cast(spells.cost_dkk as decimal(18, 2)) as cost_dkk
    from spells
    inner join spell_benefits
        on spells.kommunekode = spell_benefits.kommunekode
        and spells.person_id = spell_benefits.person_id
        and spells.spell_start = spell_benefits.spell_start

)

select * from final
