<#import "template.ftl" as layout>
<#-- The login code and how long it is valid; deliberately no link. -->
<@layout.emailLayout>
<p>${msg("emailCode.mail.greeting")}</p>
<p>${msg("emailCode.mail.intro" + keySuffix)}</p>
<p style="font-size: 1.6em; font-weight: bold; letter-spacing: 0.3em;">${code}</p>
<p><strong><#if lifetimeInMinutes>${msg("emailCode.mail.validMinutes", lifetimeAmount)}<#else>${msg("emailCode.mail.validSeconds", lifetimeAmount)}</#if></strong></p>
<p>${msg("emailCode.mail.notYou" + keySuffix)}</p>
<p>${msg("emailCode.mail.signature")}</p>
</@layout.emailLayout>
