<#ftl output_format="plainText">
<#-- The code must be the first run of digits in this text (tests and people look for it there). -->
${msg("emailCode.mail.greeting")}

${msg("emailCode.mail.intro" + keySuffix)} ${code}

<#if lifetimeInMinutes>${msg("emailCode.mail.validMinutes", lifetimeAmount)}<#else>${msg("emailCode.mail.validSeconds", lifetimeAmount)}</#if>

${msg("emailCode.mail.notYou" + keySuffix)}

${msg("emailCode.mail.signature")}
