{#- Monday of the ISO week containing a date. -#}
{% macro iso_week_start(date_expr) -%}
    cast(date_trunc('week', {{ date_expr }}) as date)
{%- endmacro %}

{#- Completed years of age on a date (a birthday counts on the day itself). -#}
{% macro age_in_years(birth_date, at_date) -%}
    date_sub('year', {{ birth_date }}, {{ at_date }})
{%- endmacro %}

{#- Days two inclusive date ranges share (0 when they do not overlap). -#}
{% macro overlap_days(start_a, end_a, start_b, end_b) -%}
    greatest(0, date_diff('day', greatest({{ start_a }}, {{ start_b }}), least({{ end_a }}, {{ end_b }})) + 1)
{%- endmacro %}
