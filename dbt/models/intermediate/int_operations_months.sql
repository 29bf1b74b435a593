{%- set sources = [
    'stg_cpr__personer', 'stg_jobcenter__sager', 'stg_jobcenter__ydelser', 'stg_boern__sager',
    'stg_boern__indsatser', 'stg_boern__underretninger', 'stg_voksen__indsatser', 'stg_voksen__vum',
    'stg_program__deltagelse', 'stg_organisation__sagsbehandlere', 'stg_politi__haendelser',
] -%}
{%- set first_date_columns = [
    ('stg_jobcenter__sager', 'valid_from'), ('stg_boern__sager', 'opened_date'),
    ('stg_boern__indsatser', 'start_date'), ('stg_voksen__indsatser', 'start_date'),
    ('stg_program__deltagelse', 'start_date'), ('stg_boern__underretninger', 'received_date'),
] -%}

with extract_dates as (

    {% for source in sources %}
    select
        kommunekode,
        max(extract_date) as extract_date
    from {{ ref(source) }}
    group by kommunekode
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

-- the operations data: cases, measures, enrolments and notifications (not benefit spells, which may
-- start decades back, nor police events and assessments)
first_dates as (

    {% for model, column in first_date_columns %}
    select
        kommunekode,
        min({{ column }}) as first_date
    from {{ ref(model) }}
    group by kommunekode
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

municipalities as (

    select
        extract_dates.kommunekode,
        max(extract_dates.extract_date) as extract_date,
        min(first_dates.first_date) as first_date
    from extract_dates
    inner join first_dates on extract_dates.kommunekode = first_dates.kommunekode
    group by extract_dates.kommunekode

),

months as (

    select
        kommunekode,
        extract_date,
        cast(unnest(generate_series(
            cast(date_trunc('month', first_date) as date),
            cast(date_trunc('month', extract_date) as date),
            interval 1 month
        )) as date) as month
    from municipalities
    where first_date <= extract_date

),

final as (

    select
        kommunekode,
        month,
        -- the month still running on the extract date is looked at on the extract date
        least(last_day(month), extract_date) as status_date,
        extract_date
    from months

)

select * from final
