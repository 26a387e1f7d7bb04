<#ftl output_format="plainText">
<#--
  Model: com.picksdigest.digest.DigestModel (its components are top-level names here). Nothing is escaped: the text
  part shows titles such as "<script> & co" exactly as written.
  Summaries are wrapped at 72 columns, what plain-text readers expect; URLs are never wrapped so they stay clickable.

  Print recipientName, unsubscribeUrl and preferencesUrl exactly as they are: ${recipientName}, ${unsubscribeUrl},
  ${preferencesUrl}, with no built-in (?upper_case, ?cap_first, ?truncate, ?length, ?url, ?replace...), no wrap() and
  no test of their value other than recipientName?? (present or not). They are the per-subscriber values: an edition
  renders each distinct digest once, with placeholders in their place, and puts every reader's name and link token
  into the encoded message afterwards, so a built-in would change the placeholder, not the reader's value, and
  readers would get a wrong name or a broken link. The check at start renders this template with two different
  readers and refuses to start when the result is not the same as rendering for each of them. Everything else may be
  transformed freely.
-->
<#function wrap text indent width=72>
  <#local out = "" line = "">
  <#list text?split(r"\s+", "r") as word>
    <#if word == "">
      <#continue>
    <#elseif line == "">
      <#local line = word>
    <#elseif indent?length + line?length + 1 + word?length <= width>
      <#local line = line + " " + word>
    <#else>
      <#local out = out + indent + line + "\n" line = word>
    </#if>
  </#list>
  <#return out + indent + line>
</#function>
<#assign heading = siteName + " - " + editionDate + " - " + t("digest.count", picks?size)>
${heading}
${""?left_pad(heading?length, "=")}

<#if recipientName??>
${t("digest.greeting", recipientName)}

</#if>
${t("digest.intro")}
<#if note??>

${note.text}
</#if>

<#list picks as pick>
${(pick?counter + ".")?right_pad(4)}[${pick.category}] ${pick.title}
    ${pick.url!}
    <#if pick.sourceName??>${pick.sourceName}, </#if>${pick.published}
<#if pick.summary?has_content>

${wrap(pick.summary, "    ")}
</#if>

</#list>
------------------------------------------------------------------------
${t("digest.viewInBrowser")}: ${archiveUrl}
${t("digest.preferences")}: ${preferencesUrl}
${t("digest.unsubscribe")}: ${unsubscribeUrl}
${t("digest.forwarded")} ${t("digest.subscribe")}: ${subscribeUrl}

${wrap(t("digest.why", siteName, siteUrl), "")}
<#if postalAddress??>

${siteName}, ${postalAddress}
</#if>
