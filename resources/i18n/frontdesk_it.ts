<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>AccountDialog</name>
    <message>
        <source>New staff account</source>
        <translation>Nuovo account del personale</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Reimposta password</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Ripeti la password</translation>
    </message>
    <message>
        <source>At least 8 characters. Tell the person the password in private; they can change it after signing in.</source>
        <translation>Almeno 8 caratteri. Comunica la password alla persona in privato; potrà cambiarla dopo l&apos;accesso.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>The two passwords are different. Type them again.</source>
        <translation>Le due password sono diverse. Scrivile di nuovo.</translation>
    </message>
</context>
<context>
    <name>Areas</name>
    <message>
        <source>Reception</source>
        <translation>Accoglienza</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>Presenti</translation>
    </message>
    <message>
        <source>Visit log</source>
        <translation>Registro visite</translation>
    </message>
    <message>
        <source>Companies and visitors</source>
        <translation>Aziende e visitatori</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Technician&apos;s week</source>
        <translation>Settimana di lavoro</translation>
    </message>
    <message>
        <source>Lab timeline</source>
        <translation>Piano del laboratorio</translation>
    </message>
    <message>
        <source>Test reports</source>
        <translation>Rapporti di prova</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Ricevute</translation>
    </message>
    <message>
        <source>Daily closing</source>
        <translation>Chiusura di cassa</translation>
    </message>
    <message>
        <source>Price list</source>
        <translation>Listino prezzi</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Registro attività</translation>
    </message>
    <message>
        <source>Staff accounts</source>
        <translation>Account del personale</translation>
    </message>
    <message>
        <source>Test catalogue</source>
        <translation>Catalogo prove</translation>
    </message>
    <message>
        <source>Equipment and calendar</source>
        <translation>Strumenti e calendario</translation>
    </message>
    <message>
        <source>Test planning</source>
        <translation>Pianificazione prove</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Campioni</translation>
    </message>
    <message>
        <source>Sample intake</source>
        <translation>Accettazione campioni</translation>
    </message>
    <message>
        <source>Results review</source>
        <translation>Verifica risultati</translation>
    </message>
    <message>
        <source>Test queue</source>
        <translation>Coda prove</translation>
    </message>
</context>
<context>
    <name>AssociationChecks</name>
    <message>
        <source>None ticked: the members of every association pay member prices.</source>
        <translation>Nessuna spuntata: pagano il prezzo associati gli iscritti a qualsiasi associazione.</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Visitor</source>
        <translation>Visitatore</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>Registrazione</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Badge</translation>
    </message>
    <message>
        <source>Staff account</source>
        <translation>Account del personale</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Copia di sicurezza</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Conservazione</translation>
    </message>
    <message>
        <source>Visit log</source>
        <translation>Registro visite</translation>
    </message>
    <message>
        <source>Badge keys</source>
        <translation>Chiavi dei badge</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>backup made</source>
        <translation>copia di sicurezza fatta</translation>
    </message>
    <message>
        <source>badge issued</source>
        <translation>badge emesso</translation>
    </message>
    <message>
        <source>created</source>
        <translation>creato</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modificato</translation>
    </message>
    <message>
        <source>filled with demo data</source>
        <translation>riempito con dati dimostrativi</translation>
    </message>
    <message>
        <source>registered ahead</source>
        <translation>registrazione anticipata</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>accesso</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>password sbagliata</translation>
    </message>
    <message>
        <source>locked after wrong passwords</source>
        <translation>bloccato dopo password sbagliate</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>password reimpostata</translation>
    </message>
    <message>
        <source>password changed</source>
        <translation>password cambiata</translation>
    </message>
    <message>
        <source>first password set</source>
        <translation>prima password impostata</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disattivato</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>riattivato</translation>
    </message>
    <message>
        <source>personal data exported</source>
        <translation>dati personali esportati</translation>
    </message>
    <message>
        <source>personal data erased</source>
        <translation>dati personali cancellati</translation>
    </message>
    <message>
        <source>anonymised after the retention period</source>
        <translation>anonimizzato dopo il periodo di conservazione</translation>
    </message>
    <message>
        <source>retention applied</source>
        <translation>conservazione applicata</translation>
    </message>
    <message>
        <source>restored from a backup</source>
        <translation>ripristinato da una copia</translation>
    </message>
    <message>
        <source>checked in</source>
        <translation>ingresso</translation>
    </message>
    <message>
        <source>checked out</source>
        <translation>uscita</translation>
    </message>
    <message>
        <source>list viewed</source>
        <translation>elenco consultato</translation>
    </message>
    <message>
        <source>new signing key</source>
        <translation>nuova chiave di firma</translation>
    </message>
    <message>
        <source>checked in with a badge scan</source>
        <translation>ingresso con scansione del badge</translation>
    </message>
    <message>
        <source>checked out by the evening close</source>
        <translation>uscita registrata dalla chiusura serale</translation>
    </message>
    <message>
        <source>expected visit added</source>
        <translation>visita attesa aggiunta</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>esportato</translation>
    </message>
    <message>
        <source>privacy notice shown</source>
        <translation>informativa privacy mostrata</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>surname</source>
        <translation>cognome</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefono</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>username</source>
        <translation>nome utente</translation>
    </message>
    <message>
        <source>password</source>
        <translation>password</translation>
    </message>
    <message>
        <source>role</source>
        <translation>ruolo</translation>
    </message>
    <message>
        <source>active</source>
        <translation>attivo</translation>
    </message>
    <message>
        <source>company</source>
        <translation>azienda</translation>
    </message>
    <message>
        <source>association</source>
        <translation>associazione</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>tipo</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>partita IVA</translation>
    </message>
    <message>
        <source>fiscal code</source>
        <translation>codice fiscale</translation>
    </message>
    <message>
        <source>SDI code</source>
        <translation>codice SDI</translation>
    </message>
    <message>
        <source>PEC</source>
        <translation>PEC</translation>
    </message>
    <message>
        <source>address</source>
        <translation>indirizzo</translation>
    </message>
    <message>
        <source>city</source>
        <translation>città</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>organizzazione</translation>
    </message>
    <message>
        <source>newsletter consent</source>
        <translation>consenso newsletter</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>note</translation>
    </message>
    <message>
        <source>last visit</source>
        <translation>ultima visita</translation>
    </message>
    <message>
        <source>privacy notice version</source>
        <translation>versione dell&apos;informativa privacy</translation>
    </message>
    <message>
        <source>privacy notice shown at</source>
        <translation>data dell&apos;informativa privacy</translation>
    </message>
    <message>
        <source>visitor</source>
        <translation>visitatore</translation>
    </message>
    <message>
        <source>purpose</source>
        <translation>motivo della visita</translation>
    </message>
    <message>
        <source>host</source>
        <translation>referente</translation>
    </message>
    <message>
        <source>registration</source>
        <translation>registrazione</translation>
    </message>
    <message>
        <source>expected on</source>
        <translation>data prevista</translation>
    </message>
    <message>
        <source>status</source>
        <translation>stato</translation>
    </message>
    <message>
        <source>anonymised on</source>
        <translation>anonimizzato il</translation>
    </message>
    <message>
        <source>wrong passwords</source>
        <translation>password sbagliate</translation>
    </message>
    <message>
        <source>locked until</source>
        <translation>bloccato fino a</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>title</source>
        <translation>titolo</translation>
    </message>
    <message>
        <source>Association</source>
        <translation>Associazione</translation>
    </message>
    <message>
        <source>Purpose of visit</source>
        <translation>Motivo della visita</translation>
    </message>
    <message>
        <source>Setting for the whole site</source>
        <translation>Impostazione di tutta la sede</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Registro attività</translation>
    </message>
    <message>
        <source>Test report</source>
        <translation>Rapporto di prova</translation>
    </message>
    <message>
        <source>Automatic lab plan</source>
        <translation>Piano automatico del laboratorio</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Ricevuta</translation>
    </message>
    <message>
        <source>Receipt line</source>
        <translation>Riga di ricevuta</translation>
    </message>
    <message>
        <source>Daily closing</source>
        <translation>Chiusura di cassa</translation>
    </message>
    <message>
        <source>Price list item</source>
        <translation>Voce del listino</translation>
    </message>
    <message>
        <source>samples taken in</source>
        <translation>campioni accettati</translation>
    </message>
    <message>
        <source>sample received</source>
        <translation>campione ricevuto</translation>
    </message>
    <message>
        <source>specimens cut</source>
        <translation>provette ricavate</translation>
    </message>
    <message>
        <source>test report issued</source>
        <translation>rapporto di prova emesso</translation>
    </message>
    <message>
        <source>test report revised</source>
        <translation>rapporto di prova revisionato</translation>
    </message>
    <message>
        <source>test report sent by e-mail</source>
        <translation>rapporto di prova inviato per e-mail</translation>
    </message>
    <message>
        <source>badge superseded</source>
        <translation>badge sostituito</translation>
    </message>
    <message>
        <source>pinned to its slot</source>
        <translation>fissata nella sua collocazione</translation>
    </message>
    <message>
        <source>unpinned</source>
        <translation>non più fissata</translation>
    </message>
    <message>
        <source>automatic plan made</source>
        <translation>piano automatico calcolato</translation>
    </message>
    <message>
        <source>receipt issued</source>
        <translation>ricevuta emessa</translation>
    </message>
    <message>
        <source>receipt voided</source>
        <translation>ricevuta annullata</translation>
    </message>
    <message>
        <source>daily closing kept</source>
        <translation>chiusura di cassa conservata</translation>
    </message>
    <message>
        <source>price list item added</source>
        <translation>voce del listino aggiunta</translation>
    </message>
    <message>
        <source>price list item changed</source>
        <translation>voce del listino modificata</translation>
    </message>
    <message>
        <source>price list item withdrawn</source>
        <translation>voce del listino ritirata</translation>
    </message>
    <message>
        <source>price list item offered again</source>
        <translation>voce del listino rimessa in vendita</translation>
    </message>
    <message>
        <source>change refused by the hub dismissed</source>
        <translation>modifica rifiutata dall&apos;hub archiviata</translation>
    </message>
    <message>
        <source>change refused by the hub sent again</source>
        <translation>modifica rifiutata dall&apos;hub inviata di nuovo</translation>
    </message>
    <message>
        <source>lab ID</source>
        <translation>ID laboratorio</translation>
    </message>
    <message>
        <source>request</source>
        <translation>richiesta</translation>
    </message>
    <message>
        <source>specimens</source>
        <translation>provette</translation>
    </message>
    <message>
        <source>tests</source>
        <translation>prove</translation>
    </message>
    <message>
        <source>replaces</source>
        <translation>sostituisce</translation>
    </message>
    <message>
        <source>what changed</source>
        <translation>cosa è cambiato</translation>
    </message>
    <message>
        <source>language of test reports</source>
        <translation>lingua dei rapporti di prova</translation>
    </message>
    <message>
        <source>fingerprint of the PDF</source>
        <translation>impronta del PDF</translation>
    </message>
    <message>
        <source>postcode</source>
        <translation>CAP</translation>
    </message>
    <message>
        <source>province</source>
        <translation>provincia</translation>
    </message>
    <message>
        <source>country</source>
        <translation>nazione</translation>
    </message>
    <message>
        <source>checked in at</source>
        <translation>data e ora di ingresso</translation>
    </message>
    <message>
        <source>checked out at</source>
        <translation>data e ora di uscita</translation>
    </message>
    <message>
        <source>closed by the evening close</source>
        <translation>chiusura serale</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>validità dal</translation>
    </message>
    <message>
        <source>valid to</source>
        <translation>validità fino al</translation>
    </message>
    <message>
        <source>cancelled at</source>
        <translation>data di annullamento</translation>
    </message>
    <message>
        <source>reason for cancelling</source>
        <translation>motivo dell&apos;annullamento</translation>
    </message>
    <message>
        <source>number</source>
        <translation>numero</translation>
    </message>
    <message>
        <source>issued for</source>
        <translation>emesso per</translation>
    </message>
    <message>
        <source>issued for (ID)</source>
        <translation>emesso per (ID)</translation>
    </message>
    <message>
        <source>key ID</source>
        <translation>ID della chiave</translation>
    </message>
    <message>
        <source>replaced at</source>
        <translation>data di sostituzione</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>righe</translation>
    </message>
    <message>
        <source>older copies deleted</source>
        <translation>copie più vecchie eliminate</translation>
    </message>
    <message>
        <source>current key</source>
        <translation>chiave in uso</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>chiavi</translation>
    </message>
    <message>
        <source>number series</source>
        <translation>serie di numerazione</translation>
    </message>
    <message>
        <source>visits</source>
        <translation>visite</translation>
    </message>
    <message>
        <source>activity log events</source>
        <translation>eventi del registro attività</translation>
    </message>
    <message>
        <source>anonymised</source>
        <translation>anonimizzazioni</translation>
    </message>
    <message>
        <source>retention (months)</source>
        <translation>conservazione (mesi)</translation>
    </message>
    <message>
        <source>random seed</source>
        <translation>seme casuale</translation>
    </message>
    <message>
        <source>companies</source>
        <translation>aziende</translation>
    </message>
    <message>
        <source>visitors</source>
        <translation>visitatori</translation>
    </message>
    <message>
        <source>hosts</source>
        <translation>referenti</translation>
    </message>
    <message>
        <source>search words</source>
        <translation>parole di ricerca</translation>
    </message>
    <message>
        <source>from</source>
        <translation>dal</translation>
    </message>
    <message>
        <source>to</source>
        <translation>al</translation>
    </message>
    <message>
        <source>desk code</source>
        <translation>codice della postazione</translation>
    </message>
    <message>
        <source>language</source>
        <translation>lingua</translation>
    </message>
    <message>
        <source>name of the Point</source>
        <translation>nome del Point</translation>
    </message>
    <message>
        <source>address of the Point</source>
        <translation>indirizzo del Point</translation>
    </message>
    <message>
        <source>VAT number of the Point</source>
        <translation>partita IVA del Point</translation>
    </message>
    <message>
        <source>fiscal code of the Point</source>
        <translation>codice fiscale del Point</translation>
    </message>
    <message>
        <source>postcode of the Point</source>
        <translation>CAP del Point</translation>
    </message>
    <message>
        <source>municipality of the Point</source>
        <translation>comune del Point</translation>
    </message>
    <message>
        <source>province of the Point</source>
        <translation>provincia del Point</translation>
    </message>
    <message>
        <source>REA number of the Point</source>
        <translation>numero REA del Point</translation>
    </message>
    <message>
        <source>tax regime of the Point</source>
        <translation>regime fiscale del Point</translation>
    </message>
    <message>
        <source>cash refused from (euros)</source>
        <translation>contanti rifiutati da (euro)</translation>
    </message>
    <message>
        <source>stamp duty charged to the customer</source>
        <translation>imposta di bollo addebitata al cliente</translation>
    </message>
    <message>
        <source>receipt format</source>
        <translation>formato delle ricevute</translation>
    </message>
    <message>
        <source>associations with member prices</source>
        <translation>associazioni con prezzo associati</translation>
    </message>
    <message>
        <source>badge size</source>
        <translation>formato del badge</translation>
    </message>
    <message>
        <source>printers</source>
        <translation>stampanti</translation>
    </message>
    <message>
        <source>check-out hour</source>
        <translation>ora di uscita</translation>
    </message>
    <message>
        <source>lock after (minutes)</source>
        <translation>blocco dopo (minuti)</translation>
    </message>
    <message>
        <source>evacuation copy folder</source>
        <translation>cartella della copia per l&apos;evacuazione</translation>
    </message>
    <message>
        <source>backup folder</source>
        <translation>cartella delle copie di sicurezza</translation>
    </message>
    <message>
        <source>visitor retention (months)</source>
        <translation>conservazione dei visitatori (mesi)</translation>
    </message>
    <message>
        <source>lab records retention (years)</source>
        <translation>conservazione dei dati del laboratorio (anni)</translation>
    </message>
    <message>
        <source>fiscal records retention (years)</source>
        <translation>conservazione dei dati fiscali (anni)</translation>
    </message>
    <message>
        <source>mail server</source>
        <translation>server di posta</translation>
    </message>
    <message>
        <source>mail server port</source>
        <translation>porta del server di posta</translation>
    </message>
    <message>
        <source>mail sender</source>
        <translation>mittente della posta</translation>
    </message>
    <message>
        <source>hub address</source>
        <translation>indirizzo dell&apos;hub</translation>
    </message>
    <message>
        <source>hub token file</source>
        <translation>file del token dell&apos;hub</translation>
    </message>
    <message>
        <source>hub certificate authority</source>
        <translation>autorità di certificazione dell&apos;hub</translation>
    </message>
    <message>
        <source>sync hour</source>
        <translation>ora della sincronizzazione</translation>
    </message>
    <message>
        <source>where the lab performs its tests</source>
        <translation>dove il laboratorio esegue le prove</translation>
    </message>
    <message>
        <source>lab&apos;s planning desk</source>
        <translation>postazione di pianificazione del laboratorio</translation>
    </message>
    <message>
        <source>working days the plan keeps steady</source>
        <translation>giorni lavorativi di piano stabile</translation>
    </message>
    <message>
        <source>working days to issue a report</source>
        <translation>giorni lavorativi per emettere il rapporto</translation>
    </message>
    <message>
        <source>Why the plan was made</source>
        <translation>Motivo del calcolo</translation>
    </message>
    <message>
        <source>Pinned to its slot</source>
        <translation>Bloccata nella sua posizione</translation>
    </message>
    <message>
        <source>For the lab manager</source>
        <translation>Da vedere per il responsabile</translation>
    </message>
    <message>
        <source>Why, for the lab manager</source>
        <translation>Motivo, per il responsabile</translation>
    </message>
    <message>
        <source>Tests in new slots</source>
        <translation>Prove in nuove posizioni</translation>
    </message>
    <message>
        <source>Tests late</source>
        <translation>Prove in ritardo</translation>
    </message>
    <message>
        <source>Tests that cannot be planned</source>
        <translation>Prove non pianificabili</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Anno</translation>
    </message>
    <message>
        <source>Progressive number</source>
        <translation>Numero progressivo</translation>
    </message>
    <message>
        <source>Issued at</source>
        <translation>Emessa il</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Emessa da</translation>
    </message>
    <message>
        <source>Issued by (name)</source>
        <translation>Emessa da (nome)</translation>
    </message>
    <message>
        <source>Customer&apos;s data</source>
        <translation>Dati del cliente</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Sample intake</source>
        <translation>Accettazione campioni</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pagamento</translation>
    </message>
    <message>
        <source>Taxable amount</source>
        <translation>Imponibile</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>IVA</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>Stamp duty due</source>
        <translation>Imposta di bollo dovuta</translation>
    </message>
    <message>
        <source>Stamp duty charged</source>
        <translation>Imposta di bollo addebitata</translation>
    </message>
    <message>
        <source>Reason for voiding</source>
        <translation>Motivo dell&apos;annullamento</translation>
    </message>
    <message>
        <source>Voided at</source>
        <translation>Annullata il</translation>
    </message>
    <message>
        <source>Voided by</source>
        <translation>Annullata da</translation>
    </message>
    <message>
        <source>Voided by (name)</source>
        <translation>Annullata da (nome)</translation>
    </message>
    <message>
        <source>reception</source>
        <translation>accoglienza</translation>
    </message>
    <message>
        <source>lab technician</source>
        <translation>tecnico di laboratorio</translation>
    </message>
    <message>
        <source>lab manager</source>
        <translation>responsabile di laboratorio</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>amministratore</translation>
    </message>
    <message>
        <source>expected</source>
        <translation>attesa</translation>
    </message>
    <message>
        <source>on site</source>
        <translation>presente</translation>
    </message>
    <message>
        <source>gone out</source>
        <translation>uscita</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>emessa</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>annullata</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>contanti</translation>
    </message>
    <message>
        <source>card</source>
        <translation>carta</translation>
    </message>
    <message>
        <source>bank transfer</source>
        <translation>bonifico bancario</translation>
    </message>
    <message>
        <source>on the invoice</source>
        <translation>con la fattura</translation>
    </message>
    <message>
        <source>the first run of the day</source>
        <translation>primo calcolo del giorno</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annullata</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>giornaliera</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>manuale</translation>
    </message>
    <message>
        <source>before a sync</source>
        <translation>prima di una sincronizzazione</translation>
    </message>
    <message>
        <source>Italian company</source>
        <translation>azienda italiana</translation>
    </message>
    <message>
        <source>public body</source>
        <translation>ente pubblico</translation>
    </message>
    <message>
        <source>foreign company</source>
        <translation>azienda estera</translation>
    </message>
    <message>
        <source>private person</source>
        <translation>privato</translation>
    </message>
    <message>
        <source>a visit</source>
        <translation>una visita</translation>
    </message>
    <message>
        <source>a registration</source>
        <translation>una registrazione</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>italiano</translation>
    </message>
    <message>
        <source>English</source>
        <translation>inglese</translation>
    </message>
    <message>
        <source>moved by the plan</source>
        <translation>spostata dal piano</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrotta</translation>
    </message>
    <message>
        <source>a change to the lab&apos;s data</source>
        <translation>una modifica ai dati del laboratorio</translation>
    </message>
    <message>
        <source>a machine out of service</source>
        <translation>uno strumento fuori servizio</translation>
    </message>
    <message>
        <source>asked by hand</source>
        <translation>richiesto a mano</translation>
    </message>
    <message>
        <source>kind of record unknown to the hub</source>
        <translation>tipo di record sconosciuto all&apos;hub</translation>
    </message>
    <message>
        <source>fields unknown to the hub</source>
        <translation>campi sconosciuti all&apos;hub</translation>
    </message>
    <message>
        <source>unreadable time stamp</source>
        <translation>indicazione dell&apos;ora illeggibile</translation>
    </message>
    <message>
        <source>PC clock ahead</source>
        <translation>orologio del PC avanti</translation>
    </message>
    <message>
        <source>setting of this desk only</source>
        <translation>impostazione solo di questa postazione</translation>
    </message>
    <message>
        <source>role not allowed to do it</source>
        <translation>ruolo non autorizzato</translation>
    </message>
    <message>
        <source>role not allowed at this desk</source>
        <translation>ruolo non ammesso a questa postazione</translation>
    </message>
    <message>
        <source>author not stated properly</source>
        <translation>autore non indicato correttamente</translation>
    </message>
    <message>
        <source>account unknown to the hub or disabled</source>
        <translation>account sconosciuto all&apos;hub o disattivato</translation>
    </message>
    <message>
        <source>record never received whole</source>
        <translation>record mai ricevuto completo</translation>
    </message>
    <message>
        <source>number already used</source>
        <translation>numero già usato</translation>
    </message>
    <message>
        <source>value refused</source>
        <translation>valore rifiutato</translation>
    </message>
    <message>
        <source>Desk %1</source>
        <translation>Postazione %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>%1: changed (value not recorded)</source>
        <translation>%1: modificato (valore non registrato)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Postazione</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Chi</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Record ID</source>
        <translation>ID record</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Azione</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifiche</translation>
    </message>
    <message>
        <source>Your role cannot see the audit trail. Ask a lab manager or an administrator.</source>
        <translation>Il tuo ruolo non può vedere il registro delle attività. Rivolgiti a un responsabile di laboratorio o a un amministratore.</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Registro delle attività</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Chiunque</translation>
    </message>
    <message>
        <source>Any record</source>
        <translation>Qualsiasi record</translation>
    </message>
    <message>
        <source>Record ID (optional)</source>
        <translation>ID record (facoltativo)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostra</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dal</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Al</translation>
    </message>
    <message>
        <source>History of this record…</source>
        <translation>Storia di questo record…</translation>
    </message>
    <message>
        <source>The newest %1 events are shown: narrow the filters to see older ones.</source>
        <translation>Sono mostrati gli ultimi %1 eventi: restringi i filtri per vedere quelli più vecchi.</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 eventi</translation>
    </message>
    <message>
        <source>retention not applied: no recent sync with the hub</source>
        <translation>conservazione non applicata: nessuna sincronizzazione recente con l&apos;hub</translation>
    </message>
    <message>
        <source>closed by</source>
        <translation>chiusa da</translation>
    </message>
    <message>
        <source>checked out by</source>
        <translation>uscita registrata da</translation>
    </message>
    <message>
        <source>desk of arrival</source>
        <translation>postazione di arrivo</translation>
    </message>
    <message>
        <source>last complete sync</source>
        <translation>ultima sincronizzazione completa</translation>
    </message>
    <message>
        <source>Test type</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>Authorisation for a method</source>
        <translation>Abilitazione a un metodo</translation>
    </message>
    <message>
        <source>added to the catalogue</source>
        <translation>aggiunta al catalogo</translation>
    </message>
    <message>
        <source>withdrawn from the catalogue</source>
        <translation>ritirata dal catalogo</translation>
    </message>
    <message>
        <source>offered again</source>
        <translation>offerta di nuovo</translation>
    </message>
    <message>
        <source>authorised for the method</source>
        <translation>abilitato al metodo</translation>
    </message>
    <message>
        <source>authorisation withdrawn</source>
        <translation>abilitazione revocata</translation>
    </message>
    <message>
        <source>code</source>
        <translation>codice</translation>
    </message>
    <message>
        <source>Italian name</source>
        <translation>nome italiano</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>nome inglese</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>norma</translation>
    </message>
    <message>
        <source>method</source>
        <translation>metodo</translation>
    </message>
    <message>
        <source>accredited</source>
        <translation>accreditata</translation>
    </message>
    <message>
        <source>equipment kind</source>
        <translation>tipo di apparecchiatura</translation>
    </message>
    <message>
        <source>duration (minutes)</source>
        <translation>durata (minuti)</translation>
    </message>
    <message>
        <source>preparation (minutes)</source>
        <translation>preparazione (minuti)</translation>
    </message>
    <message>
        <source>minimum hours</source>
        <translation>ore minime</translation>
    </message>
    <message>
        <source>maximum hours</source>
        <translation>ore massime</translation>
    </message>
    <message>
        <source>price (cents)</source>
        <translation>prezzo (centesimi)</translation>
    </message>
    <message>
        <source>member price (cents)</source>
        <translation>prezzo soci (centesimi)</translation>
    </message>
    <message>
        <source>VAT rate</source>
        <translation>aliquota IVA</translation>
    </message>
    <message>
        <source>result fields</source>
        <translation>campi di risultato</translation>
    </message>
    <message>
        <source>conditions to record</source>
        <translation>condizioni da registrare</translation>
    </message>
    <message>
        <source>order</source>
        <translation>ordine</translation>
    </message>
    <message>
        <source>staff member</source>
        <translation>membro del personale</translation>
    </message>
    <message>
        <source>test type</source>
        <translation>prova</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Strumento</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Taratura</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Fuori servizio</translation>
    </message>
    <message>
        <source>Lab closure</source>
        <translation>Chiusura del laboratorio</translation>
    </message>
    <message>
        <source>Technician&apos;s working days</source>
        <translation>Giorni lavorativi del tecnico</translation>
    </message>
    <message>
        <source>Technician&apos;s absence</source>
        <translation>Assenza del tecnico</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>back in service</source>
        <translation>di nuovo in servizio</translation>
    </message>
    <message>
        <source>calibration recorded</source>
        <translation>taratura registrata</translation>
    </message>
    <message>
        <source>put out of service</source>
        <translation>messo fuori servizio</translation>
    </message>
    <message>
        <source>absence added</source>
        <translation>assenza aggiunta</translation>
    </message>
    <message>
        <source>absence withdrawn</source>
        <translation>assenza ritirata</translation>
    </message>
    <message>
        <source>closure added</source>
        <translation>chiusura aggiunta</translation>
    </message>
    <message>
        <source>closure withdrawn</source>
        <translation>chiusura ritirata</translation>
    </message>
    <message>
        <source>working days changed</source>
        <translation>giorni lavorativi modificati</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>pianificata</translation>
    </message>
    <message>
        <source>lab&apos;s municipality</source>
        <translation>comune del laboratorio</translation>
    </message>
    <message>
        <source>patron saint&apos;s day</source>
        <translation>festa del patrono</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Campione</translation>
    </message>
    <message>
        <source>custody step recorded</source>
        <translation>passaggio di custodia registrato</translation>
    </message>
    <message>
        <source>where</source>
        <translation>dove</translation>
    </message>
    <message>
        <source>kept until</source>
        <translation>conservato fino al</translation>
    </message>
    <message>
        <source>test</source>
        <translation>prova</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>campioni</translation>
    </message>
    <message>
        <source>received</source>
        <translation>ricevuto</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>immagazzinato</translation>
    </message>
    <message>
        <source>taken to test</source>
        <translation>portato in prova</translation>
    </message>
    <message>
        <source>returned to the customer</source>
        <translation>restituito al cliente</translation>
    </message>
    <message>
        <source>kept as remnant</source>
        <translation>conservato come residuo</translation>
    </message>
    <message>
        <source>disposed of</source>
        <translation>smaltito</translation>
    </message>
    <message>
        <source>result entered</source>
        <translation>risultato inserito</translation>
    </message>
    <message>
        <source>raw file attached</source>
        <translation>file grezzo allegato</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verificata</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>respinta</translation>
    </message>
    <message>
        <source>reopened (new round)</source>
        <translation>riaperta (nuova esecuzione)</translation>
    </message>
    <message>
        <source>sent to an external lab</source>
        <translation>affidata a un laboratorio esterno</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Esecuzione</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versione</translation>
    </message>
    <message>
        <source>External lab</source>
        <translation>Laboratorio esterno</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Nome del file</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>Dimensione (byte)</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>In pausa</translation>
    </message>
    <message>
        <source>Started at</source>
        <translation>Iniziata il</translation>
    </message>
    <message>
        <source>Started by</source>
        <translation>Iniziata da</translation>
    </message>
    <message>
        <source>Completed at</source>
        <translation>Completata il</translation>
    </message>
    <message>
        <source>Completed by</source>
        <translation>Completata da</translation>
    </message>
    <message>
        <source>Verified at</source>
        <translation>Verificata il</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>Verificata da</translation>
    </message>
    <message>
        <source>Reason for reopening</source>
        <translation>Motivo della riapertura</translation>
    </message>
    <message>
        <source>Sent to an external lab</source>
        <translation>Affidata a un laboratorio esterno</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>pianificata</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>in corso</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completata</translation>
    </message>
    <message>
        <source>test started</source>
        <translation>prova avviata</translation>
    </message>
    <message>
        <source>test paused</source>
        <translation>prova messa in pausa</translation>
    </message>
    <message>
        <source>test resumed</source>
        <translation>prova ripresa</translation>
    </message>
    <message>
        <source>test completed</source>
        <translation>prova completata</translation>
    </message>
</context>
<context>
    <name>AuthorisationsTab</name>
    <message>
        <source>Tick a box to authorise a person for a method; untick it to withdraw the authorisation. Each change is recorded in the audit trail.</source>
        <translation>Spunta una casella per abilitare una persona a un metodo; togli la spunta per revocare l&apos;abilitazione. Ogni modifica resta nel registro attività.</translation>
    </message>
    <message>
        <source>Who is authorised for which method. Only the lab manager can change it.</source>
        <translation>Chi è abilitato a quale metodo. Solo il responsabile di laboratorio può modificarlo.</translation>
    </message>
    <message>
        <source>No lab technicians or lab managers yet: an administrator adds their accounts in Staff accounts.</source>
        <translation>Non ci sono ancora tecnici né responsabili di laboratorio: un amministratore ne crea gli account in Account del personale.</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Add calibration: {machine}</source>
        <translation>Nuova taratura: {machine}</translation>
    </message>
    <message>
        <source>Number and issuer, e.g. LAT 123 0456/26</source>
        <translation>Numero ed ente, per esempio LAT 123 0456/26</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Performed on</source>
        <translation>Eseguita il</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>Prossima scadenza</translation>
    </message>
    <message>
        <source>The machine may be used up to that day included.</source>
        <translation>Lo strumento si può usare fino a quel giorno compreso.</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificato</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>CatalogueTexts</name>
    <message>
        <source>%1/h</source>
        <translation>%1/h</translation>
    </message>
    <message>
        <source>%1–%2 h</source>
        <translation>%1–%2 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Type the price in euro, with at most two decimals (e.g. 90,50).</source>
        <translation>Scrivi il prezzo in euro, con al massimo due decimali (es. 90,50).</translation>
    </message>
</context>
<context>
    <name>CatalogueView</name>
    <message>
        <source>Test catalogue</source>
        <translation>Catalogo prove</translation>
    </message>
    <message>
        <source>Only the lab manager can change the catalogue.</source>
        <translation>Solo il responsabile di laboratorio può modificare il catalogo.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>%1 (withdrawn)</source>
        <translation>%1 (ritirata)</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Norma</translation>
    </message>
    <message>
        <source>Accredited</source>
        <translation>Accreditata</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prezzo</translation>
    </message>
    <message>
        <source>Member price</source>
        <translation>Prezzo soci</translation>
    </message>
    <message>
        <source>New test type</source>
        <translation>Nuova prova</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>Annulla modifiche</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Ritira</translation>
    </message>
    <message>
        <source>Test types</source>
        <translation>Prove</translation>
    </message>
    <message>
        <source>Authorisations</source>
        <translation>Abilitazioni</translation>
    </message>
    <message>
        <source>Choose a test type to see its details.</source>
        <translation>Scegli una prova per vederne i dettagli.</translation>
    </message>
    <message>
        <source>Offer again</source>
        <translation>Offri di nuovo</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvato.</translation>
    </message>
</context>
<context>
    <name>CheckInPanel</name>
    <message>
        <source>Check-in</source>
        <translation>Ingresso</translation>
    </message>
    <message>
        <source>Type the first letters of the visitor&apos;s name or surname.

Enter opens the check-in of the highlighted visitor; Enter again checks in and prints the badge.

↑ ↓ choose another visitor · Ctrl+N new visitor · Ctrl+G group · Esc clear

Scanning a badge checks its visitor out.</source>
        <translation>Scrivi le prime lettere del nome o del cognome del visitatore.

Invio apre l&apos;ingresso del visitatore evidenziato; un altro Invio registra l&apos;ingresso e stampa il badge.

↑ ↓ scegli un altro visitatore · Ctrl+N nuovo visitatore · Ctrl+G gruppo · Esc cancella

Scansionando un badge si registra l&apos;uscita del visitatore.</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Facoltativo</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Check in and print badge  ⏎</source>
        <translation>Registra l&apos;ingresso e stampa il badge  ⏎</translation>
    </message>
    <message>
        <source>Cancel  Esc</source>
        <translation>Annulla  Esc</translation>
    </message>
    <message>
        <source>No host</source>
        <translation>Nessun referente</translation>
    </message>
    <message>
        <source>No company</source>
        <translation>Nessuna azienda</translation>
    </message>
    <message>
        <source>Registered: {title}</source>
        <translation>Registrato: {title}</translation>
    </message>
    <message>
        <source>Registered for several days</source>
        <translation>Registrato per più giorni</translation>
    </message>
    <message>
        <source>Expected today</source>
        <translation>Atteso oggi</translation>
    </message>
    <message>
        <source>Last visit {date}</source>
        <translation>Ultima visita {date}</translation>
    </message>
    <message>
        <source>First visit</source>
        <translation>Prima visita</translation>
    </message>
    <message>
        <source>No privacy notice on record: show it to the visitor.</source>
        <translation>Nessuna informativa privacy registrata: mostrala al visitatore.</translation>
    </message>
    <message>
        <source>The privacy notice has changed since the last visit: show the new one.</source>
        <translation>L&apos;informativa privacy è cambiata dall&apos;ultima visita: mostra quella nuova.</translation>
    </message>
    <message>
        <source>Checking in...</source>
        <translation>Registrazione in corso...</translation>
    </message>
</context>
<context>
    <name>ClosingView</name>
    <message>
        <source>Daily closing</source>
        <translation>Chiusura di cassa</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Giornata</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
</context>
<context>
    <name>CompaniesView</name>
    <message>
        <source>Companies and visitors</source>
        <translation>Aziende e visitatori</translation>
    </message>
    <message>
        <source>Search by company, city, VAT number or visitor name</source>
        <translation>Cerca per azienda, città, partita IVA o nome del visitatore</translation>
    </message>
    <message>
        <source>New company</source>
        <translation>Nuova azienda</translation>
    </message>
    <message>
        <source>New visitor</source>
        <translation>Nuovo visitatore</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Città</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>Partita IVA</translation>
    </message>
    <message>
        <source>Association</source>
        <translation>Associazione</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>Ultima visita</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Type part of a name to find visitors; the most recent come first.</source>
        <translation>Scrivi parte di un nome per trovare i visitatori; i più recenti compaiono per primi.</translation>
    </message>
    <message>
        <source>Codice Fiscale</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <source>SdI / PEC</source>
        <translation>SdI / PEC</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contatti</translation>
    </message>
    <message>
        <source>Edit company</source>
        <translation>Modifica azienda</translation>
    </message>
    <message>
        <source>New visitor for this company</source>
        <translation>Nuovo visitatore per questa azienda</translation>
    </message>
    <message>
        <source>People of this company</source>
        <translation>Persone di questa azienda</translation>
    </message>
    <message>
        <source>Choose a company to see its details and its people.</source>
        <translation>Scegli un&apos;azienda per vederne i dati e le persone.</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Aziende</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>Visitatori</translation>
    </message>
    <message>
        <source>{title} ({n} of {total})</source>
        <translation>{title} ({n} di {total})</translation>
    </message>
    <message>
        <source>{title} ({n}+)</source>
        <translation>{title} ({n}+)</translation>
    </message>
    <message>
        <source>{title} ({n})</source>
        <translation>{title} ({n})</translation>
    </message>
    <message>
        <source>Italian company</source>
        <translation>Azienda italiana</translation>
    </message>
    <message>
        <source>Foreign company</source>
        <translation>Azienda estera</translation>
    </message>
    <message>
        <source>Private person</source>
        <translation>Privato</translation>
    </message>
    <message>
        <source>Likely duplicates ({n})</source>
        <translation>Possibili doppioni ({n})</translation>
    </message>
    <message>
        <source>Saved: {name}</source>
        <translation>Salvato: {name}</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <source>Edit company</source>
        <translation>Modifica azienda</translation>
    </message>
    <message>
        <source>New company</source>
        <translation>Nuova azienda</translation>
    </message>
    <message>
        <source>Italian company (with Partita IVA)</source>
        <translation>Azienda italiana (con partita IVA)</translation>
    </message>
    <message>
        <source>Foreign company</source>
        <translation>Azienda estera</translation>
    </message>
    <message>
        <source>Private person</source>
        <translation>Privato</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nessuna)</translation>
    </message>
    <message>
        <source>7 characters, e.g. M5UXCR1</source>
        <translation>7 caratteri, es. M5UXCR1</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglese</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Codice Fiscale</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <source>Association</source>
        <translation>Associazione</translation>
    </message>
    <message>
        <source>SdI code</source>
        <translation>Codice SdI</translation>
    </message>
    <message>
        <source>Public body (Ente pubblico)</source>
        <translation>Ente pubblico</translation>
    </message>
    <message>
        <source>e.g. 24044</source>
        <translation>ad es. 24044</translation>
    </message>
    <message>
        <source>BG</source>
        <translation>BG</translation>
    </message>
    <message>
        <source>The province&apos;s two letters; none for an address abroad</source>
        <translation>Le due lettere della provincia; nessuna per un indirizzo all&apos;estero</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>PEC</source>
        <translation>PEC</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>CAP</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Città</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Nazione</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Test reports in</source>
        <translation>Rapporti di prova in</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>This company may already be registered:</source>
        <translation>Questa azienda potrebbe essere già registrata:</translation>
    </message>
    <message>
        <source>Use the existing one</source>
        <translation>Usa quella esistente</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Salva comunque</translation>
    </message>
    <message>
        <source>Saved as “%1”: write the first name and the last name.</source>
        <translation>Registrato come “%1”: scrivi il nome e il cognome.</translation>
    </message>
    <message>
        <source>Partita IVA</source>
        <translation>Partita IVA</translation>
    </message>
    <message>
        <source>11 digits</source>
        <translation>11 cifre</translation>
    </message>
    <message>
        <source>Codice Univoco Ufficio</source>
        <translation>Codice Univoco Ufficio</translation>
    </message>
    <message>
        <source>6 characters, e.g. UFY9MH</source>
        <translation>6 caratteri, ad es. UFY9MH</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>Partita IVA</translation>
    </message>
    <message>
        <source>11 digits, if the body has one (optional)</source>
        <translation>11 cifre, se l&apos;ente ne ha una (facoltativa)</translation>
    </message>
    <message>
        <source>e.g. DE123456789 (optional)</source>
        <translation>es. DE123456789 (facoltativa)</translation>
    </message>
    <message>
        <source>not needed for a private person</source>
        <translation>non serve per un privato</translation>
    </message>
</context>
<context>
    <name>CompanyField</name>
    <message>
        <source>New company...</source>
        <translation>Nuova azienda...</translation>
    </message>
</context>
<context>
    <name>CompanyPicker</name>
    <message>
        <source>Search a company</source>
        <translation>Cerca un&apos;azienda</translation>
    </message>
</context>
<context>
    <name>Custody</name>
    <message>
        <source>Received</source>
        <translation>Ricevuto</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>Immagazzinato</translation>
    </message>
    <message>
        <source>Taken to test</source>
        <translation>Portato in prova</translation>
    </message>
    <message>
        <source>Returned to the customer</source>
        <translation>Restituito al cliente</translation>
    </message>
    <message>
        <source>Kept as remnant</source>
        <translation>Conservato come residuo</translation>
    </message>
    <message>
        <source>Disposed of</source>
        <translation>Smaltito</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Richiesta</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Pianificata</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In corso</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Eseguita</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verificata</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Rapporto emesso</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullata</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Respinta</translation>
    </message>
    <message>
        <source>Sample %1 received again</source>
        <translation>Campione %1 ricevuto di nuovo</translation>
    </message>
    <message>
        <source>Store sample %1</source>
        <translation>Immagazzina il campione %1</translation>
    </message>
    <message>
        <source>Take sample %1 to a test</source>
        <translation>Porta in prova il campione %1</translation>
    </message>
    <message>
        <source>Return sample %1 to the customer</source>
        <translation>Restituisci al cliente il campione %1</translation>
    </message>
    <message>
        <source>Keep sample %1 as a remnant</source>
        <translation>Conserva come residuo il campione %1</translation>
    </message>
    <message>
        <source>Dispose of sample %1</source>
        <translation>Smaltisci il campione %1</translation>
    </message>
</context>
<context>
    <name>CustodyDialog</name>
    <message>
        <source>Store, shelf (e.g. Magazzino A, ripiano 3)</source>
        <translation>Magazzino, ripiano (es. Magazzino A, ripiano 3)</translation>
    </message>
    <message>
        <source>Room or machine (optional)</source>
        <translation>Sala o macchina (facoltativo)</translation>
    </message>
    <message>
        <source>Where the remnant is kept (optional)</source>
        <translation>Dove si conserva il residuo (facoltativo)</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Facoltativo</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dove</translation>
    </message>
    <message>
        <source>Keep until</source>
        <translation>Conservare fino al</translation>
    </message>
    <message>
        <source>(no test in particular)</source>
        <translation>(nessuna prova in particolare)</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>Why it is back (required)</source>
        <translation>Perché è tornato (obbligatorio)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>To whom, and how (e.g. collected by Mr Rossi)</source>
        <translation>A chi e come (es. ritirato dal sig. Rossi)</translation>
    </message>
    <message>
        <source>Disposal is final: nothing can be recorded for this sample afterwards.</source>
        <translation>Lo smaltimento è definitivo: dopo non si potrà registrare più nulla per questo campione.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registra</translation>
    </message>
</context>
<context>
    <name>DayTab</name>
    <message>
        <source>Previous day (PgUp)</source>
        <translation>Giorno precedente (PgSu)</translation>
    </message>
    <message>
        <source>Next day (PgDn)</source>
        <translation>Giorno successivo (PgGiù)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Ricevute</translation>
    </message>
    <message>
        <source>First number</source>
        <translation>Primo numero</translation>
    </message>
    <message>
        <source>Last number</source>
        <translation>Ultimo numero</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Metodo di pagamento</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>VAT rate or nature</source>
        <translation>Aliquota IVA o natura</translation>
    </message>
    <message>
        <source>Taxable</source>
        <translation>Imponibile</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>IVA</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Voided at</source>
        <translation>Annullata il</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Kept closing</source>
        <translation>Chiusura conservata</translation>
    </message>
    <message>
        <source>Compared with now</source>
        <translation>Rispetto a ora</translation>
    </message>
    <message>
        <source>Numbers issued</source>
        <translation>Numeri emessi</translation>
    </message>
    <message>
        <source>By payment method</source>
        <translation>Per metodo di pagamento</translation>
    </message>
    <message>
        <source>By VAT rate or nature</source>
        <translation>Per aliquota IVA o natura</translation>
    </message>
    <message>
        <source>Voided receipts</source>
        <translation>Ricevute annullate</translation>
    </message>
    <message>
        <source>Closings kept for this day</source>
        <translation>Chiusure conservate per questa giornata</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Anteprima…</translation>
    </message>
    <message>
        <source>Print kept copy…</source>
        <translation>Stampa la copia conservata…</translation>
    </message>
    <message>
        <source>Close the day and print…</source>
        <translation>Chiudi la giornata e stampa…</translation>
    </message>
    <message>
        <source>Desk %1 · issued %2 · voided %3 · valid %4 · total %5</source>
        <translation>Postazione %1 · emesse %2 · annullate %3 · valide %4 · totale %5</translation>
    </message>
    <message>
        <source>After the restore the numbering continues in series %1.</source>
        <translation>Dopo il ripristino la numerazione prosegue nella serie %1.</translation>
    </message>
    <message>
        <source>%1: missing number (no receipt of this desk carries it).</source>
        <translation>%1: numero mancante (nessuna ricevuta di questa postazione lo porta).</translation>
    </message>
    <message>
        <source>Kept at %1 by %2</source>
        <translation>Conservata alle %1 da %2</translation>
    </message>
    <message>
        <source>Kept on %1 by %2</source>
        <translation>Conservata il %1 da %2</translation>
    </message>
    <message>
        <source>Not valid</source>
        <translation>Non valida</translation>
    </message>
    <message>
        <source>Differs (%1)</source>
        <translation>Diversa (%1)</translation>
    </message>
    <message>
        <source>Same</source>
        <translation>Uguale</translation>
    </message>
    <message>
        <source>This day has not been closed yet.</source>
        <translation>Questa giornata non è ancora stata chiusa.</translation>
    </message>
    <message>
        <source>The receipts differ from the kept closing:</source>
        <translation>Le ricevute sono diverse dalla chiusura conservata:</translation>
    </message>
    <message>
        <source>The closing of %1 is kept.</source>
        <translation>La chiusura del %1 è conservata.</translation>
    </message>
</context>
<context>
    <name>DuplicatesTab</name>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>What they share</source>
        <translation>Cosa hanno in comune</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Visitatore</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>City or company</source>
        <translation>Città o azienda</translation>
    </message>
    <message>
        <source>Entered at desk</source>
        <translation>Inserito alla postazione</translation>
    </message>
    <message>
        <source>Entered on</source>
        <translation>Inserito il</translation>
    </message>
    <message>
        <source>Records that look like one: the same VAT number, or the same person, entered at two desks. Both are kept: open each one (Enter or a double click) and correct it.</source>
        <translation>Schede che sembrano la stessa: la stessa partita IVA, o la stessa persona, inserite a due postazioni. Sono tenute entrambe: apri ciascuna (Invio o doppio clic) e correggila.</translation>
    </message>
    <message>
        <source>No likely duplicates: nothing to check.</source>
        <translation>Nessun possibile doppione: niente da controllare.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Apri</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Controlla di nuovo</translation>
    </message>
</context>
<context>
    <name>EquipmentDialog</name>
    <message>
        <source>Edit machine</source>
        <translation>Modifica strumento</translation>
    </message>
    <message>
        <source>New machine</source>
        <translation>Nuovo strumento</translation>
    </message>
    <message>
        <source>Inventory code, e.g. TR-01</source>
        <translation>Codice di inventario, per esempio TR-01</translation>
    </message>
    <message>
        <source>The kind of machine the tests of the catalogue ask for</source>
        <translation>Il tipo di strumento richiesto dalle prove del catalogo</translation>
    </message>
    <message>
        <source>Runs without interruption (nights and holidays included)</source>
        <translation>Funziona senza interruzioni (anche notti e festivi)</translation>
    </message>
    <message>
        <source>Like a salt-spray chamber: loaded and unloaded in working hours, it runs the whole exposure through nights and holidays</source>
        <translation>Come una camera a nebbia salina: caricata e scaricata in orario di lavoro, esegue l&apos;intera esposizione anche di notte e nei festivi</translation>
    </message>
    <message>
        <source>In use (untick when the machine is retired)</source>
        <translation>In uso (togli la spunta quando lo strumento è dismesso)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Locale</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Costruttore</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modello</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numero di serie</translation>
    </message>
    <message>
        <source>Firmware or software</source>
        <translation>Firmware o software</translation>
    </message>
    <message>
        <source>Capacity (tests at once)</source>
        <translation>Capacità (prove contemporanee)</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Orario di lavoro</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Giorni lavorativi</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>EquipmentView</name>
    <message>
        <source>Equipment and calendar</source>
        <translation>Strumenti e calendario</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>Strumenti</translation>
    </message>
    <message>
        <source>Lab calendar</source>
        <translation>Calendario del laboratorio</translation>
    </message>
    <message>
        <source>New machine</source>
        <translation>Nuovo strumento</translation>
    </message>
    <message>
        <source>A machine may be used up to its calibration&apos;s next due day included.</source>
        <translation>Uno strumento si può usare fino al giorno di scadenza della taratura compreso.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Taratura</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valida fino al</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Locale</translation>
    </message>
    <message>
        <source>Manufacturer and model</source>
        <translation>Costruttore e modello</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Numero di serie</translation>
    </message>
    <message>
        <source>Firmware or software</source>
        <translation>Firmware o software</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacità</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Orario di lavoro</translation>
    </message>
    <message>
        <source>Edit machine</source>
        <translation>Modifica strumento</translation>
    </message>
    <message>
        <source>Add calibration</source>
        <translation>Nuova taratura</translation>
    </message>
    <message>
        <source>Out of service…</source>
        <translation>Fuori servizio…</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>Di nuovo in servizio</translation>
    </message>
    <message>
        <source>Performed on</source>
        <translation>Eseguita il</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>Scadenza</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificato</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dal</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Fino al</translation>
    </message>
    <message>
        <source>further notice</source>
        <translation>nuovo avviso</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Choose a machine to see its identity, calibrations and out-of-service periods.</source>
        <translation>Scegli uno strumento per vederne i dati, le tarature e i periodi di fuori servizio.</translation>
    </message>
    <message>
        <source>Calibrations and verifications</source>
        <translation>Tarature e verifiche</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Fuori servizio</translation>
    </message>
    <message>
        <source>(retired)</source>
        <translation>(dismesso)</translation>
    </message>
    <message>
        <source>usable up to {day}</source>
        <translation>utilizzabile fino al {day}</translation>
    </message>
    <message>
        <source>{n} at once</source>
        <translation>{n} alla volta</translation>
    </message>
    <message>
        <source>runs without interruption</source>
        <translation>funziona senza interruzioni</translation>
    </message>
    <message>
        <source>Saved: {name}</source>
        <translation>Salvato: {name}</translation>
    </message>
    <message>
        <source>Back in service.</source>
        <translation>Di nuovo in servizio.</translation>
    </message>
</context>
<context>
    <name>ExpectedDialog</name>
    <message>
        <source>Expected visitors</source>
        <translation>Visitatori attesi</translation>
    </message>
    <message>
        <source>Expected today</source>
        <translation>Attesi oggi</translation>
    </message>
    <message>
        <source>Register ahead</source>
        <translation>Registra in anticipo</translation>
    </message>
    <message>
        <source>Import a list (CSV)</source>
        <translation>Importa un elenco (CSV)</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Visitatore</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Type the name or surname</source>
        <translation>Scrivi il nome o il cognome</translation>
    </message>
    <message>
        <source>New person...</source>
        <translation>Nuova persona...</translation>
    </message>
    <message>
        <source>No host</source>
        <translation>Nessun referente</translation>
    </message>
    <message>
        <source>For a course over several days, e.g. &quot;Corso saldatura&quot;</source>
        <translation>Per un corso di più giorni, ad es. &quot;Corso saldatura&quot;</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Facoltativo</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registra</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dal</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Al</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titolo</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Find the visitor and choose them in the list, or add a new person.</source>
        <translation>Cerca il visitatore e sceglilo nell&apos;elenco, oppure aggiungi una nuova persona.</translation>
    </message>
    <message>
        <source>Registered: {name}, {days}.</source>
        <translation>Registrato: {name}, {days}.</translation>
    </message>
    <message>
        <source>A CSV file with one person per row, comma or semicolon separated, with a header row. Required columns: nome, cognome, dal. Optional: al, azienda, partita_iva, email, telefono, servizio, referente, titolo. Dates as 25/11/2026. A row with a date range gets one badge valid for all its days. The good rows are imported; the others are listed below with the reason.</source>
        <translation>Un file CSV con una persona per riga, separato da virgole o punti e virgola, con una riga di intestazione. Colonne obbligatorie: nome, cognome, dal. Facoltative: al, azienda, partita_iva, email, telefono, servizio, referente, titolo. Date come 25/11/2026. Una riga con un intervallo di date riceve un badge valido per tutti i giorni. Le righe corrette vengono importate; le altre sono elencate qui sotto con il motivo.</translation>
    </message>
    <message>
        <source>Choose the file and import...</source>
        <translation>Scegli il file e importa...</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Riga</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Purpose when the file has none</source>
        <translation>Motivo se il file non lo indica</translation>
    </message>
    <message>
        <source>Attendee list</source>
        <translation>Elenco partecipanti</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>File CSV (*.csv *.txt);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>The file {name} could not be read: {reason}</source>
        <translation>Non è stato possibile leggere il file {name}: {reason}</translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation>Importazione in corso...</translation>
    </message>
    <message>
        <source>1 row imported.</source>
        <translation>1 riga importata.</translation>
    </message>
    <message numerus="yes">
        <source>%n rows imported.</source>
        <translation>
            <numerusform>%n riga importata.</numerusform>
            <numerusform>%n righe importate.</numerusform>
        </translation>
    </message>
    <message>
        <source>1 row not imported:</source>
        <translation>1 riga non importata:</translation>
    </message>
    <message numerus="yes">
        <source>%n rows not imported:</source>
        <translation>
            <numerusform>%n riga non importata:</numerusform>
            <numerusform>%n righe non importate:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FieldErrors</name>
    <message>
        <source>Invisible characters removed: it will be saved as “%1”.</source>
        <translation>Rimossi caratteri invisibili: sarà salvato come «%1».</translation>
    </message>
</context>
<context>
    <name>GroupCheckInDialog</name>
    <message>
        <source>Group check-in</source>
        <translation>Ingresso di gruppo</translation>
    </message>
    <message>
        <source>Choose the company: the people who came before are listed here.</source>
        <translation>Scegli l&apos;azienda: qui compaiono le persone venute in passato.</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>E-mail (optional)</source>
        <translation>E-mail (facoltativa)</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Aggiungi persona</translation>
    </message>
    <message>
        <source>No host</source>
        <translation>Nessun referente</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Persone</translation>
    </message>
    <message>
        <source>Someone new</source>
        <translation>Una persona nuova</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Tick who is here.</source>
        <translation>Spunta chi è presente.</translation>
    </message>
    <message>
        <source>Nobody of this company came before: add the people below.</source>
        <translation>Nessuno di questa azienda è venuto prima: aggiungi le persone qui sotto.</translation>
    </message>
    <message>
        <source>Write the first name and the surname of the new person.</source>
        <translation>Scrivi il nome e il cognome della nuova persona.</translation>
    </message>
    <message>
        <source>{name} (new)</source>
        <translation>{name} (nuovo)</translation>
    </message>
    <message>
        <source>Check in 1 person and print the badge</source>
        <translation>Registra l&apos;ingresso di 1 persona e stampa il badge</translation>
    </message>
    <message numerus="yes">
        <source>Check in %n people and print badges</source>
        <translation>
            <numerusform>Registra l&apos;ingresso di %n persona e stampa il badge</numerusform>
            <numerusform>Registra l&apos;ingresso di %n persone e stampa i badge</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntakeResult</name>
    <message>
        <source>Print labels again</source>
        <translation>Ristampa etichette</translation>
    </message>
    <message>
        <source>Preview intake receipt</source>
        <translation>Anteprima ricevuta di accettazione</translation>
    </message>
    <message>
        <source>Print intake receipt</source>
        <translation>Stampa ricevuta di accettazione</translation>
    </message>
    <message>
        <source>Save intake receipt as PDF</source>
        <translation>Salva ricevuta di accettazione in PDF</translation>
    </message>
    <message>
        <source>Issue payment receipt…</source>
        <translation>Emetti ricevuta di pagamento…</translation>
    </message>
    <message>
        <source>The receipt of what the customer pays, with the request&apos;s tests filled in</source>
        <translation>La ricevuta di ciò che il cliente paga, con le prove della richiesta già inserite</translation>
    </message>
    <message>
        <source>Request %1 accepted. Samples: %2</source>
        <translation>Richiesta %1 accettata. Campioni: %2</translation>
    </message>
    <message>
        <source>Printing the labels…</source>
        <translation>Stampa delle etichette in corso…</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>Stampa di nuovo</translation>
    </message>
    <message>
        <source>Intake receipt saved as %1</source>
        <translation>Ricevuta di accettazione salvata in %1</translation>
    </message>
    <message>
        <source>The request already has the receipt %1: issue another one?</source>
        <translation>La richiesta ha già la ricevuta %1: emetterne un&apos;altra?</translation>
    </message>
    <message>
        <source>The request already has the receipts %1: issue another one?</source>
        <translation>La richiesta ha già le ricevute %1: emetterne un&apos;altra?</translation>
    </message>
    <message>
        <source>Issue payment receipt</source>
        <translation>Emetti ricevuta di pagamento</translation>
    </message>
    <message>
        <source>Issue another</source>
        <translation>Emetti un&apos;altra ricevuta</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Receipt %1 issued</source>
        <translation>Ricevuta %1 emessa</translation>
    </message>
</context>
<context>
    <name>IntakeView</name>
    <message>
        <source>Sample intake</source>
        <translation>Accettazione campioni</translation>
    </message>
    <message>
        <source>Accept and print labels</source>
        <translation>Accetta e stampa etichette</translation>
    </message>
    <message>
        <source>New intake</source>
        <translation>Nuova accettazione</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Invio</translation>
    </message>
    <message>
        <source>Who brings the samples, or the customer&apos;s contact</source>
        <translation>Chi consegna i campioni, o il referente del cliente</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normale</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Results needed by</source>
        <translation>Risultati entro il</translation>
    </message>
    <message>
        <source>Statement of conformity wanted</source>
        <translation>Richiesta dichiarazione di conformità</translation>
    </message>
    <message>
        <source>The specification it refers to, e.g. EN 10025-2 S355JR</source>
        <translation>Specifica di riferimento, es. EN 10025-2 S355JR</translation>
    </message>
    <message>
        <source>The customer agrees to the methods, the prices and the decision rule</source>
        <translation>Il cliente accetta metodi, prezzi e regola decisionale</translation>
    </message>
    <message>
        <source>Name of who agreed for the customer</source>
        <translation>Nome di chi accetta per il cliente</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorità</translation>
    </message>
    <message>
        <source>Decision rule</source>
        <translation>Regola decisionale</translation>
    </message>
    <message>
        <source>Member of %1: member prices</source>
        <translation>Associata a %1: prezzi per associati</translation>
    </message>
    <message>
        <source>Brought by %1 (on site now)</source>
        <translation>Consegnati da %1 (presente in sede)</translation>
    </message>
    <message>
        <source>Net %1 · VAT %2 · Total %3</source>
        <translation>Imponibile %1 · IVA %2 · Totale %3</translation>
    </message>
    <message>
        <source>%1, %2 h</source>
        <translation>%1, %2 h</translation>
    </message>
    <message>
        <source>Sample %1 · %2</source>
        <translation>Campione %1 · %2</translation>
    </message>
</context>
<context>
    <name>ItemPicker</name>
    <message>
        <source>From the price list</source>
        <translation>Dal listino</translation>
    </message>
    <message>
        <source>Type a code or words of the description…</source>
        <translation>Scrivi un codice o parole della descrizione…</translation>
    </message>
    <message>
        <source>Prices for %1</source>
        <translation>Prezzi per %1</translation>
    </message>
    <message>
        <source>List prices: no customer chosen yet</source>
        <translation>Prezzi di listino: nessun cliente scelto</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unità</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prezzo</translation>
    </message>
    <message>
        <source>VAT or nature</source>
        <translation>IVA o natura</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Aggiungi riga</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>%1 (member price)</source>
        <translation>%1 (prezzo soci)</translation>
    </message>
    <message>
        <source>Items: %1</source>
        <translation>Voci: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Caricamento…</translation>
    </message>
</context>
<context>
    <name>LabCalendarTab</name>
    <message>
        <source>Days</source>
        <translation>Giorni</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Add closure</source>
        <translation>Nuova chiusura</translation>
    </message>
    <message>
        <source>Withdraw closure</source>
        <translation>Ritira chiusura</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Tecnico</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Giorni lavorativi</translation>
    </message>
    <message>
        <source>Absences</source>
        <translation>Assenze</translation>
    </message>
    <message>
        <source>Working days…</source>
        <translation>Giorni lavorativi…</translation>
    </message>
    <message>
        <source>Add absence</source>
        <translation>Nuova assenza</translation>
    </message>
    <message>
        <source>Withdraw next absence</source>
        <translation>Ritira la prossima assenza</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Giorno</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Lab closures</source>
        <translation>Chiusure del laboratorio</translation>
    </message>
    <message>
        <source>Technicians</source>
        <translation>Tecnici</translation>
    </message>
    <message>
        <source>Next days the lab is closed</source>
        <translation>Prossimi giorni di chiusura del laboratorio</translation>
    </message>
    <message>
        <source>Public holidays in Italy, the patron saint&apos;s day of {place} ({day}/{month}) and the lab&apos;s closures. Weekends are not listed.</source>
        <translation>Festività nazionali italiane, festa del patrono di {place} ({day}/{month}) e chiusure del laboratorio. I fine settimana non sono elencati.</translation>
    </message>
    <message>
        <source>Days the whole lab is closed (summer closure, inventory): no test is planned on them.</source>
        <translation>Giorni di chiusura dell&apos;intero laboratorio (chiusura estiva, inventario): in quei giorni non si pianificano prove.</translation>
    </message>
    <message>
        <source>Absence: {name}</source>
        <translation>Assenza: {name}</translation>
    </message>
</context>
<context>
    <name>LabTexts</name>
    <message>
        <source>Calibrated</source>
        <translation>Tarato</translation>
    </message>
    <message>
        <source>Due within 30 days</source>
        <translation>In scadenza entro 30 giorni</translation>
    </message>
    <message>
        <source>Calibration lapsed</source>
        <translation>Taratura scaduta</translation>
    </message>
    <message>
        <source>Never calibrated</source>
        <translation>Mai tarato</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Fuori servizio</translation>
    </message>
    <message>
        <source>Tensile testing machine</source>
        <translation>Macchina di trazione</translation>
    </message>
    <message>
        <source>Hardness tester</source>
        <translation>Durometro</translation>
    </message>
    <message>
        <source>Microhardness tester</source>
        <translation>Microdurometro</translation>
    </message>
    <message>
        <source>Pendulum impact tester</source>
        <translation>Pendolo di Charpy</translation>
    </message>
    <message>
        <source>Salt spray chamber</source>
        <translation>Camera a nebbia salina</translation>
    </message>
    <message>
        <source>Metallographic microscope</source>
        <translation>Microscopio metallografico</translation>
    </message>
    <message>
        <source>Optical emission spectrometer</source>
        <translation>Spettrometro a emissione ottica</translation>
    </message>
    <message>
        <source>Coating thickness gauge</source>
        <translation>Spessimetro per rivestimenti</translation>
    </message>
    <message>
        <source>Roughness tester (profilometer)</source>
        <translation>Rugosimetro (profilometro)</translation>
    </message>
    <message>
        <source>Bend test fixture</source>
        <translation>Attrezzatura per piegamento</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Taratura</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verifica</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Positivo</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Negativo</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normale</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>To plan</source>
        <translation>Da pianificare</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Pianificata</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In corso</translation>
    </message>
    <message>
        <source>Public holiday</source>
        <translation>Festività</translation>
    </message>
    <message>
        <source>Patron saint</source>
        <translation>Patrono</translation>
    </message>
    <message>
        <source>Lab closure</source>
        <translation>Chiusura</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Screen locked</source>
        <translation>Schermo bloccato</translation>
    </message>
    <message>
        <source>Visitors leaving</source>
        <translation>Visitatori in uscita</translation>
    </message>
    <message>
        <source>Scan the badge: the visit is checked out even while the screen is locked.</source>
        <translation>Scansiona il badge: l&apos;uscita viene registrata anche a schermo bloccato.</translation>
    </message>
    <message>
        <source>Scan a badge here</source>
        <translation>Scansiona qui un badge</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personale</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Nome utente</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Accedi</translation>
    </message>
    <message>
        <source>%1 was signed in. Sign in again to continue, or another staff member can sign in.</source>
        <translation>La sessione era di %1. Accedi di nuovo per continuare, oppure può accedere un&apos;altra persona del personale.</translation>
    </message>
    <message>
        <source>Sign in to continue.</source>
        <translation>Accedi per continuare.</translation>
    </message>
    <message>
        <source>Type your username.</source>
        <translation>Scrivi il tuo nome utente.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Scrivi la tua password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{area} (Ctrl+{n})</source>
        <translation>{area} (Ctrl+{n})</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Demo data: not the Point&apos;s real records.</source>
        <translation>Dati dimostrativi: non sono i dati reali del Point.</translation>
    </message>
    <message>
        <source>Desk {code}</source>
        <translation>Postazione {code}</translation>
    </message>
    <message>
        <source>Front desk of the Point, Dalmine</source>
        <translation>Banco accoglienza del Point di Dalmine</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Versione {version}</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>Database: {path}</translation>
    </message>
    <message>
        <source>About Front desk</source>
        <translation>Informazioni sul Banco accoglienza</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>Banco accoglienza</translation>
    </message>
    <message>
        <source>Point Dalmine</source>
        <translation>Point Dalmine</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Lock the screen</source>
        <translation>&amp;Blocca lo schermo</translation>
    </message>
    <message>
        <source>Syncing...</source>
        <translation>Sincronizzazione in corso...</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizza ora</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Vai</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <source>&amp;About Front desk</source>
        <translation>&amp;Informazioni sul Banco accoglienza</translation>
    </message>
    <message>
        <source>User: {name}</source>
        <translation>Utente: {name}</translation>
    </message>
    <message>
        <source>Syncing with the hub...</source>
        <translation>Sincronizzazione con l&apos;hub in corso...</translation>
    </message>
    <message>
        <source>Opening the database...</source>
        <translation>Apertura del database...</translation>
    </message>
    <message>
        <source>The database cannot be opened</source>
        <translation>Impossibile aprire il database</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Chiudi il messaggio</translation>
    </message>
</context>
<context>
    <name>NewVisitorDialog</name>
    <message>
        <source>New visitor</source>
        <translation>Nuovo visitatore</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Facoltativo</translation>
    </message>
    <message>
        <source>No host</source>
        <translation>Nessun referente</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>Check in and print badge</source>
        <translation>Registra l&apos;ingresso e stampa il badge</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Choose the company from the list, create it with &quot;New company...&quot;, or leave the field empty.</source>
        <translation>Scegli l&apos;azienda dall&apos;elenco, creala con &quot;Nuova azienda...&quot; oppure lascia vuoto il campo.</translation>
    </message>
</context>
<context>
    <name>NightlySync</name>
    <message>
        <source>never</source>
        <translation>mai</translation>
    </message>
    <message>
        <source>today {hour}</source>
        <translation>oggi {hour}</translation>
    </message>
    <message>
        <source>yesterday {hour}</source>
        <translation>ieri {hour}</translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation>Ultima sincronizzazione: {when}</translation>
    </message>
    <message>
        <source>waiting: {count}</source>
        <translation>in attesa: {count}</translation>
    </message>
    <message>
        <source>refused: {count}</source>
        <translation>rifiutate: {count}</translation>
    </message>
    <message>
        <source>&amp;Refused changes ({count})...</source>
        <translation>Modifiche &amp;rifiutate ({count})...</translation>
    </message>
    <message>
        <source>&amp;Refused changes...</source>
        <translation>Modifiche &amp;rifiutate...</translation>
    </message>
    <message>
        <source>Click to see the changes the hub refused</source>
        <translation>Fai clic per vedere le modifiche rifiutate dall&apos;hub</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Chiudi</translation>
    </message>
</context>
<context>
    <name>OnSiteView</name>
    <message>
        <source>On site now</source>
        <translation>Presenti ora</translation>
    </message>
    <message>
        <source>Print evacuation list</source>
        <translation>Stampa lista di evacuazione</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Anteprima</translation>
    </message>
    <message>
        <source>Scan a badge to check its visitor out</source>
        <translation>Scansiona un badge per registrare l&apos;uscita</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Visitatore</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Dalle</translation>
    </message>
    <message>
        <source>Nobody is on site.</source>
        <translation>Nessuno è presente.</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>Registra uscita</translation>
    </message>
    <message>
        <source>Reprint badge</source>
        <translation>Ristampa badge</translation>
    </message>
    <message>
        <source>1 person</source>
        <translation>1 persona</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n persona</numerusform>
            <numerusform>%n persone</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} checked out.</source>
        <translation>{name}: uscita registrata.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Riprova</translation>
    </message>
    <message>
        <source>No folder is set for the copy of the evacuation list (Settings).</source>
        <translation>Nessuna cartella impostata per la copia della lista di evacuazione (Impostazioni).</translation>
    </message>
    <message>
        <source>Copy of the evacuation list updated at {time}: {path}</source>
        <translation>Copia della lista di evacuazione aggiornata alle {time}: {path}</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Campioni</translation>
    </message>
    <message>
        <source>Take in samples</source>
        <translation>Accetta campioni</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Tecnico</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Macchina</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Locale</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Campione</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prova</translation>
    </message>
    <message numerus="yes">
        <source>In the lab now: %n at a machine</source>
        <translation>
            <numerusform>In laboratorio ora: %n a una macchina</numerusform>
            <numerusform>In laboratorio ora: %n alle macchine</numerusform>
        </translation>
    </message>
    <message>
        <source>{since}, paused</source>
        <translation>{since}, in pausa</translation>
    </message>
</context>
<context>
    <name>OutOfServiceDialog</name>
    <message>
        <source>Out of service: {machine}</source>
        <translation>Fuori servizio: {machine}</translation>
    </message>
    <message>
        <source>Until further notice</source>
        <translation>Fino a nuovo avviso</translation>
    </message>
    <message>
        <source>e.g. load cell under repair</source>
        <translation>per esempio cella di carico in riparazione</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dal</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Fino al</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>First day</source>
        <translation>Primo giorno</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Ultimo giorno</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>PeriodTab</name>
    <message>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dal</translation>
    </message>
    <message>
        <source>to</source>
        <translation>al</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantità</translation>
    </message>
    <message>
        <source>Taxable</source>
        <translation>Imponibile</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>IVA</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>VAT or nature</source>
        <translation>IVA o natura</translation>
    </message>
    <message>
        <source>Association</source>
        <translation>Associazione</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Ricevute</translation>
    </message>
    <message>
        <source>By service</source>
        <translation>Per servizio</translation>
    </message>
    <message>
        <source>By VAT rate or nature</source>
        <translation>Per aliquota IVA o natura</translation>
    </message>
    <message>
        <source>By association</source>
        <translation>Per associazione</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Esporta CSV…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>Esporta Excel…</translation>
    </message>
    <message>
        <source>Every desk · valid receipts %1 · total %2</source>
        <translation>Tutte le postazioni · ricevute valide %1 · totale %2</translation>
    </message>
    <message>
        <source>No association</source>
        <translation>Nessuna associazione</translation>
    </message>
    <message>
        <source>receipts</source>
        <translation>ricevute</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Cartelle di lavoro Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Export the period&apos;s figures</source>
        <translation>Esporta i dati del periodo</translation>
    </message>
    <message>
        <source>The period&apos;s figures are saved in %1.</source>
        <translation>I dati del periodo sono salvati in %1.</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Plan test: {sample}</source>
        <translation>Pianifica prova: {sample}</translation>
    </message>
    <message>
        <source>Exposure of {hours} h, through nights and holidays; loaded and unloaded in working hours.</source>
        <translation>Esposizione di {hours} h, anche di notte e nei festivi; carico e scarico in orario di lavoro.</translation>
    </message>
    <message>
        <source>{minutes} min on the machine, after {prep} min of preparation.</source>
        <translation>{minutes} min sullo strumento, dopo {prep} min di preparazione.</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Strumento</translation>
    </message>
    <message>
        <source>Day and start</source>
        <translation>Giorno e ora di inizio</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Tecnico</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dal</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Al</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Campione</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Pianifica</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>No machine of kind “{kind}” is in use</source>
        <translation>Nessuno strumento di tipo “{kind}” è in uso</translation>
    </message>
    <message>
        <source>Nobody is authorised for this method</source>
        <translation>Nessuno è abilitato a questo metodo</translation>
    </message>
    <message>
        <source>ends at {time}</source>
        <translation>finisce alle {time}</translation>
    </message>
    <message>
        <source>ends on {moment}</source>
        <translation>finisce il {moment}</translation>
    </message>
    <message>
        <source>Booked on this machine on {day}</source>
        <translation>Prenotazioni di questo strumento il {day}</translation>
    </message>
</context>
<context>
    <name>PlanningView</name>
    <message>
        <source>Test planning</source>
        <translation>Pianificazione prove</translation>
    </message>
    <message>
        <source>Choose a test and press Enter to put it on a machine, a day and a technician.</source>
        <translation>Scegli una prova e premi Invio per assegnarle strumento, giorno e tecnico.</translation>
    </message>
    <message>
        <source>Plan…</source>
        <translation>Pianifica…</translation>
    </message>
    <message>
        <source>Recompute plan</source>
        <translation>Ricalcola piano</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Campione</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Durata</translation>
    </message>
    <message>
        <source>Needed by</source>
        <translation>Richiesta entro</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorità</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Strumento</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Tecnico</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Rischio</translation>
    </message>
    <message>
        <source>No test is waiting to be planned.</source>
        <translation>Nessuna prova da pianificare.</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>Moved: %1</source>
        <translation>Spostata: %1</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>fissata</translation>
    </message>
    <message>
        <source>No automatic plan: choose the planning desk in Settings.</source>
        <translation>Nessun piano automatico: scegli la postazione di pianificazione in Impostazioni.</translation>
    </message>
    <message>
        <source>The plan is computed at desk {desk}.</source>
        <translation>Il piano si calcola alla postazione {desk}.</translation>
    </message>
    <message>
        <source>The automatic plan has not been computed yet.</source>
        <translation>Il piano automatico non è ancora stato calcolato.</translation>
    </message>
    <message>
        <source>Plan computed on {day} at {time}</source>
        <translation>Piano calcolato il {day} alle {time}</translation>
    </message>
    <message>
        <source>1 test late</source>
        <translation>1 prova in ritardo</translation>
    </message>
    <message>
        <source>{n} tests late</source>
        <translation>{n} prove in ritardo</translation>
    </message>
    <message>
        <source>1 cannot be planned</source>
        <translation>1 non pianificabile</translation>
    </message>
    <message>
        <source>{n} cannot be planned</source>
        <translation>{n} non pianificabili</translation>
    </message>
    <message>
        <source>late by {hours} h</source>
        <translation>in ritardo di {hours} h</translation>
    </message>
    <message>
        <source>late by {days} d</source>
        <translation>in ritardo di {days} g</translation>
    </message>
    <message>
        <source>late by {days} d {hours} h</source>
        <translation>in ritardo di {days} g {hours} h</translation>
    </message>
    <message>
        <source>Plan recomputed: {moved} of {tests} tests in new slots.</source>
        <translation>Piano ricalcolato: {moved} prove su {tests} in nuove posizioni.</translation>
    </message>
    <message>
        <source>Planned: {sample}, {start}</source>
        <translation>Pianificata: {sample}, {start}</translation>
    </message>
</context>
<context>
    <name>PriceItemDialog</name>
    <message>
        <source>New price list item</source>
        <translation>Nuova voce del listino</translation>
    </message>
    <message>
        <source>Price list item %1</source>
        <translation>Voce del listino %1</translation>
    </message>
    <message>
        <source>e.g. ROOM-HALFDAY</source>
        <translation>es. ROOM-HALFDAY</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nessuno)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <source>Name (Italian)</source>
        <translation>Nome (italiano)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>Nome (inglese)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unità</translation>
    </message>
    <message>
        <source>Price (€)</source>
        <translation>Prezzo (€)</translation>
    </message>
    <message>
        <source>Member price (€)</source>
        <translation>Prezzo soci (€)</translation>
    </message>
    <message>
        <source>VAT or nature</source>
        <translation>IVA o natura</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>The code cannot be changed: receipts already issued name it.</source>
        <translation>Il codice non si può cambiare: le ricevute già emesse lo riportano.</translation>
    </message>
</context>
<context>
    <name>PriceListView</name>
    <message>
        <source>Price list</source>
        <translation>Listino prezzi</translation>
    </message>
    <message>
        <source>Courses, rooms and other services; the lab&apos;s tests are priced in the Test catalogue.</source>
        <translation>Corsi, sale e altri servizi; i prezzi delle prove di laboratorio sono nel Catalogo prove.</translation>
    </message>
    <message>
        <source>Filter by code or name…</source>
        <translation>Filtra per codice o nome…</translation>
    </message>
    <message>
        <source>New item…</source>
        <translation>Nuova voce…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>%1 (withdrawn)</source>
        <translation>%1 (ritirata)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unità</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prezzo</translation>
    </message>
    <message>
        <source>Member price</source>
        <translation>Prezzo soci</translation>
    </message>
    <message>
        <source>VAT or nature</source>
        <translation>IVA o natura</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifica…</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Invio</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Ritira</translation>
    </message>
    <message>
        <source>Items: %1</source>
        <translation>Voci: %1</translation>
    </message>
    <message>
        <source>withdrawn: %1</source>
        <translation>ritirate: %1</translation>
    </message>
    <message>
        <source>Bring back</source>
        <translation>Rimetti in listino</translation>
    </message>
    <message>
        <source>%1 saved</source>
        <translation>%1 salvata</translation>
    </message>
</context>
<context>
    <name>PrivacyAcknowledgement</name>
    <message>
        <source>Show the notice</source>
        <translation>Mostra l&apos;informativa</translation>
    </message>
    <message>
        <source>I showed the privacy notice (version {version}) to the visitor</source>
        <translation>Informativa privacy mostrata (v. {version})</translation>
    </message>
    <message>
        <source>Privacy notice, version {version}</source>
        <translation>Informativa privacy, versione {version}</translation>
    </message>
    <message>
        <source>The text of notice version {version} is not installed on this desk: show the printed notice.</source>
        <translation>Il testo dell&apos;informativa versione {version} non è installato su questa postazione: mostra l&apos;informativa stampata.</translation>
    </message>
</context>
<context>
    <name>PromisePanel</name>
    <message>
        <source>Expected report date</source>
        <translation>Data prevista del rapporto</translation>
    </message>
    <message>
        <source>An estimate from the lab&apos;s plan as it is now; the receipt prints it.</source>
        <translation>Stima in base alla pianificazione attuale del laboratorio; la ricevuta la riporta.</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcolo…</translation>
    </message>
    <message>
        <source>No lab plan available</source>
        <translation>Nessun piano del laboratorio disponibile</translation>
    </message>
    <message>
        <source>Choose the tests to see when the report can be issued.</source>
        <translation>Scegli le prove per vedere quando potrà essere emesso il rapporto.</translation>
    </message>
    <message>
        <source>Whole request: %1</source>
        <translation>Intera richiesta: %1</translation>
    </message>
    <message>
        <source>Past the date needed by 1 day</source>
        <translation>Oltre la data richiesta di 1 giorno</translation>
    </message>
    <message>
        <source>Past the date needed by %1 days</source>
        <translation>Oltre la data richiesta di %1 giorni</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Test queue</source>
        <translation>Coda prove</translation>
    </message>
    <message>
        <source>By technician</source>
        <translation>Per tecnico</translation>
    </message>
    <message>
        <source>By machine</source>
        <translation>Per macchina</translation>
    </message>
    <message>
        <source>Ctrl+Left, Ctrl+Right: the day before, the day after; Ctrl+Home: today</source>
        <translation>Ctrl+Sinistra, Ctrl+Destra: il giorno prima, il giorno dopo; Ctrl+Home: oggi</translation>
    </message>
    <message>
        <source>F9 switches between by technician and by machine</source>
        <translation>F9 passa da per tecnico a per macchina e viceversa</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Giorno</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inizio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fine</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Campione</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Macchina</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Locale</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Tecnico</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorità</translation>
    </message>
    <message>
        <source>Needed by</source>
        <translation>Richiesta entro</translation>
    </message>
    <message>
        <source>No test in this queue on that day.</source>
        <translation>Nessuna prova in questa coda quel giorno.</translation>
    </message>
    <message>
        <source>Start (F5)</source>
        <translation>Avvia (F5)</translation>
    </message>
    <message>
        <source>Pause (F6)</source>
        <translation>Pausa (F6)</translation>
    </message>
    <message>
        <source>Complete (F7)</source>
        <translation>Completa (F7)</translation>
    </message>
    <message>
        <source>Enter results… (F8)</source>
        <translation>Inserisci risultati… (F8)</translation>
    </message>
    <message>
        <source>Enter starts the chosen test, or completes it once running.</source>
        <translation>Invio avvia la prova scelta, o la completa se è in corso.</translation>
    </message>
    <message>
        <source>{status}, round {round}</source>
        <translation>{status}, ciclo {round}</translation>
    </message>
    <message>
        <source>{status}, paused</source>
        <translation>{status}, in pausa</translation>
    </message>
    <message>
        <source>My queue ({name})</source>
        <translation>La mia coda ({name})</translation>
    </message>
    <message>
        <source>Resume (F6)</source>
        <translation>Riprendi (F6)</translation>
    </message>
    <message>
        <source>This sample has no test planned today.</source>
        <translation>Questo campione non ha prove pianificate oggi.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>New receipt</source>
        <translation>Nuova ricevuta</translation>
    </message>
    <message>
        <source>Type the customer&apos;s name…</source>
        <translation>Digitare il nome del cliente…</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantità</translation>
    </message>
    <message>
        <source>Unit price (€)</source>
        <translation>Prezzo unitario (€)</translation>
    </message>
    <message>
        <source>VAT or nature</source>
        <translation>IVA o natura</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Aggiungi riga</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Rimuovi riga</translation>
    </message>
    <message>
        <source>From the price list…</source>
        <translation>Dal listino…</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Issue and print</source>
        <translation>Emetti e stampa</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation>&amp;Cliente</translation>
    </message>
    <message>
        <source>&amp;Payment</source>
        <translation>&amp;Pagamento</translation>
    </message>
    <message>
        <source>Totals: complete the lines (%1)</source>
        <translation>Totali: completare le righe (%1)</translation>
    </message>
    <message>
        <source>Taxable %1</source>
        <translation>Imponibile %1</translation>
    </message>
    <message>
        <source>VAT %1</source>
        <translation>IVA %1</translation>
    </message>
    <message>
        <source>Stamp duty %1 (included)</source>
        <translation>Bollo %1 (incluso)</translation>
    </message>
    <message>
        <source>Stamp duty due, paid by the Point</source>
        <translation>Bollo dovuto, a carico del Point</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Totale %1</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinting</name>
    <message>
        <source>Receipt %1 is saved, but it was not printed: %2 Reprint it from the list of receipts.</source>
        <translation>La ricevuta %1 è salvata, ma non è stata stampata: %2 Ristampala dall&apos;elenco delle ricevute.</translation>
    </message>
    <message>
        <source>Receipt %1: print preview</source>
        <translation>Ricevuta %1: anteprima di stampa</translation>
    </message>
    <message>
        <source>Receipt %1 sent to the printer “%2”.</source>
        <translation>Ricevuta %1 inviata alla stampante “%2”.</translation>
    </message>
    <message>
        <source>Receipt %1 is issued and was not printed: reprint it from the list of receipts when needed.</source>
        <translation>La ricevuta %1 è emessa e non è stata stampata: ristampala dall&apos;elenco delle ricevute quando serve.</translation>
    </message>
</context>
<context>
    <name>ReceiptsView</name>
    <message>
        <source>Receipts</source>
        <translation>Ricevute</translation>
    </message>
    <message>
        <source>Previous day</source>
        <translation>Giorno precedente</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>Giorno successivo</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <source>New receipt…</source>
        <translation>Nuova ricevuta…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numero</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Orario</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pagamento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Anteprima…</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>Ristampa</translation>
    </message>
    <message>
        <source>Void receipt…</source>
        <translation>Annulla ricevuta…</translation>
    </message>
    <message>
        <source>Voided: %1</source>
        <translation>Annullata: %1</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Emessa</translation>
    </message>
    <message numerus="yes">
        <source>%n receipt(s) issued</source>
        <translation>
            <numerusform>%n ricevuta emessa</numerusform>
            <numerusform>%n ricevute emesse</numerusform>
        </translation>
    </message>
    <message>
        <source>total %1</source>
        <translation>totale %1</translation>
    </message>
    <message>
        <source>Receipt %1 issued</source>
        <translation>Ricevuta %1 emessa</translation>
    </message>
    <message>
        <source>Receipt %1 voided</source>
        <translation>Ricevuta %1 annullata</translation>
    </message>
</context>
<context>
    <name>ReceptionView</name>
    <message>
        <source>Reception</source>
        <translation>Accoglienza</translation>
    </message>
    <message>
        <source>New visitor  Ctrl+N</source>
        <translation>Nuovo visitatore  Ctrl+N</translation>
    </message>
    <message>
        <source>Group  Ctrl+G</source>
        <translation>Gruppo  Ctrl+G</translation>
    </message>
    <message>
        <source>Expected  Ctrl+E</source>
        <translation>Attesi  Ctrl+E</translation>
    </message>
    <message>
        <source>Type a name or surname, or scan a badge</source>
        <translation>Scrivi un nome o un cognome, oppure scansiona un badge</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Visitatore</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>● On site since {time}</source>
        <translation>● Presente dalle {time}</translation>
    </message>
    <message>
        <source>● Expected today</source>
        <translation>● Atteso oggi</translation>
    </message>
    <message>
        <source>● Registered today</source>
        <translation>● Registrato per oggi</translation>
    </message>
    <message>
        <source>First visit</source>
        <translation>Prima visita</translation>
    </message>
    <message>
        <source>Last visit {date}</source>
        <translation>Ultima visita {date}</translation>
    </message>
    <message>
        <source>Nobody called &quot;{text}&quot; has come before. Press Enter to register a new visitor.</source>
        <translation>Nessuno di nome &quot;{text}&quot; è venuto in passato. Premi Invio per registrare un nuovo visitatore.</translation>
    </message>
    <message>
        <source>{name} checked in: badge {number} is printing.</source>
        <translation>Ingresso di {name} registrato: il badge {number} è in stampa.</translation>
    </message>
    <message>
        <source>{name} checked in with the badge already issued for the course.</source>
        <translation>Ingresso di {name} registrato con il badge già emesso per il corso.</translation>
    </message>
    <message>
        <source>The check-in is saved, but the badge was not printed. {reason}</source>
        <translation>L&apos;ingresso è registrato, ma il badge non è stato stampato. {reason}</translation>
    </message>
    <message>
        <source>Reprint badge</source>
        <translation>Ristampa badge</translation>
    </message>
    <message numerus="yes">
        <source>%n people checked in: {names}</source>
        <translation>
            <numerusform>%n persona registrata: {names}</numerusform>
            <numerusform>%n persone registrate: {names}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <source>History…</source>
        <translation>Storia…</translation>
    </message>
    <message>
        <source>Export personal data…</source>
        <translation>Esporta dati personali…</translation>
    </message>
    <message>
        <source>Erase personal data…</source>
        <translation>Cancella dati personali…</translation>
    </message>
    <message>
        <source>Personal data exported to %1 (and the .json beside it).</source>
        <translation>Dati personali esportati in %1 (e nel file .json accanto).</translation>
    </message>
    <message>
        <source>Erase personal data</source>
        <translation>Cancella dati personali</translation>
    </message>
    <message>
        <source>The personal data of %1 will be replaced by &quot;Anonimo&quot;; visits stay for the statistics. This cannot be undone.

Reason (e.g. the request&apos;s reference, without names):</source>
        <translation>I dati personali di %1 saranno sostituiti da &quot;Anonimo&quot;; le visite restano per le statistiche. L&apos;operazione non si può annullare.

Motivo (ad es. il riferimento della richiesta, senza nomi):</translation>
    </message>
    <message>
        <source>The personal data were erased.</source>
        <translation>I dati personali sono stati cancellati.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>RecordHistoryDialog</name>
    <message>
        <source>History</source>
        <translation>Storia</translation>
    </message>
    <message>
        <source>History of %1 %2</source>
        <translation>Storia di %1 %2</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
</context>
<context>
    <name>RejectedChanges</name>
    <message>
        <source>new record (every field)</source>
        <translation>nuovo record (tutti i campi)</translation>
    </message>
</context>
<context>
    <name>RejectedChangesDialog</name>
    <message>
        <source>Changes refused by the hub</source>
        <translation>Modifiche rifiutate dall&apos;hub</translation>
    </message>
    <message>
        <source>These changes were made at this desk and refused by the hub: the other desks do not have them. Choose one to read why, then send it again or dismiss it.</source>
        <translation>Queste modifiche sono state fatte a questa postazione e l&apos;hub le ha rifiutate: le altre postazioni non le hanno. Scegline una per leggere il motivo, poi inviala di nuovo o archiviala.</translation>
    </message>
    <message>
        <source>No refused changes: everything made at this desk reached the hub.</source>
        <translation>Nessuna modifica rifiutata: tutto ciò che è stato fatto a questa postazione ha raggiunto l&apos;hub.</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Fatta il</translation>
    </message>
    <message>
        <source>Refused on</source>
        <translation>Rifiutata il</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Campi</translation>
    </message>
    <message>
        <source>Why the hub refused it</source>
        <translation>Perché l&apos;hub l&apos;ha rifiutata</translation>
    </message>
    <message>
        <source>&amp;Send again</source>
        <translation>&amp;Invia di nuovo</translation>
    </message>
    <message>
        <source>Queue it again with the record&apos;s current values; it goes at the next sync, as yours</source>
        <translation>La rimette in coda con i valori attuali del record; parte alla prossima sincronizzazione, a tuo nome</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Archivia</translation>
    </message>
    <message>
        <source>Remove it from this list; the activity log keeps who did it</source>
        <translation>La toglie da questo elenco; il registro attività conserva chi l&apos;ha fatto</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Test reports</source>
        <translation>Rapporti di prova</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Richiesta</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Campione</translation>
    </message>
    <message>
        <source>Whole request</source>
        <translation>Tutta la richiesta</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglese</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Scegli…</translation>
    </message>
    <message>
        <source>Conforms to the specification</source>
        <translation>Conforme alla specifica</translation>
    </message>
    <message>
        <source>Does not conform to the specification</source>
        <translation>Non conforme alla specifica</translation>
    </message>
    <message>
        <source>Conformity</source>
        <translation>Conformità</translation>
    </message>
    <message>
        <source>Issue report</source>
        <translation>Emetti rapporto</translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation>Lingua del rapporto</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapporto</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Emesso</translation>
    </message>
    <message>
        <source>Authorised by</source>
        <translation>Autorizzato da</translation>
    </message>
    <message>
        <source>Replaced by</source>
        <translation>Sostituito da</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Anteprima…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Stampa</translation>
    </message>
    <message>
        <source>Revise…</source>
        <translation>Revisiona…</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Invia per e-mail</translation>
    </message>
    <message>
        <source>To report</source>
        <translation>Da emettere</translation>
    </message>
    <message>
        <source>Reports issued</source>
        <translation>Rapporti emessi</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for %n test(s): %1</source>
        <translation>
            <numerusform>In attesa di %n prova: %1</numerusform>
            <numerusform>In attesa di %n prove: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to report</source>
        <translation>Pronto per il rapporto</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Rapporto emesso</translation>
    </message>
    <message>
        <source>Report %1 issued</source>
        <translation>Rapporto %1 emesso</translation>
    </message>
    <message>
        <source>This copy is drawn again from the report&apos;s stored content, but its file differs from the one issued: the program has changed since.</source>
        <translation>Questa copia è ridisegnata dal contenuto registrato del rapporto, ma il file differisce da quello emesso: il programma è cambiato da allora.</translation>
    </message>
    <message>
        <source>Report %1 sent to %2</source>
        <translation>Rapporto %1 inviato a %2</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <source>The file “%1” cannot be read.</source>
        <translation>Il file “%1” non si può leggere.</translation>
    </message>
    <message>
        <source>Test results</source>
        <translation>Risultati della prova</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Risultati</translation>
    </message>
    <message>
        <source>Test conditions</source>
        <translation>Condizioni di prova</translation>
    </message>
    <message>
        <source>Additions to, deviations from or exclusions from the method</source>
        <translation>Aggiunte, scostamenti o esclusioni rispetto al metodo</translation>
    </message>
    <message>
        <source>Why this version replaces the previous one</source>
        <translation>Perché questa versione sostituisce la precedente</translation>
    </message>
    <message>
        <source>Deviations</source>
        <translation>Scostamenti</translation>
    </message>
    <message>
        <source>Machine used</source>
        <translation>Strumento usato</translation>
    </message>
    <message>
        <source>External lab</source>
        <translation>Laboratorio esterno</translation>
    </message>
    <message>
        <source>Reason for the new version</source>
        <translation>Motivo della nuova versione</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Aggiunto</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Aggiungi file…</translation>
    </message>
    <message>
        <source>Raw files</source>
        <translation>File grezzi</translation>
    </message>
    <message>
        <source>A testing machine&apos;s export, a micrograph: up to 20 MB each.</source>
        <translation>L&apos;esportazione di una macchina di prova, una micrografia: fino a 20 MB ciascuno.</translation>
    </message>
    <message>
        <source>Save results</source>
        <translation>Salva i risultati</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Ctrl+Enter saves</source>
        <translation>Ctrl+Invio salva</translation>
    </message>
    <message>
        <source>round {round}, version {version}</source>
        <translation>esecuzione {round}, versione {version}</translation>
    </message>
    <message>
        <source>Uncertainty U (k = 2)</source>
        <translation>Incertezza U (k = 2)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nessuno</translation>
    </message>
    <message>
        <source>Attach raw files</source>
        <translation>Allega file grezzi</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>The file could not be written in %1.</source>
        <translation>Non è stato possibile scrivere il file in %1.</translation>
    </message>
    <message>
        <source>Results review</source>
        <translation>Verifica risultati</translation>
    </message>
    <message>
        <source>To verify and verified lately</source>
        <translation>Da verificare e verificate di recente</translation>
    </message>
    <message>
        <source>Not yet completed</source>
        <translation>Non ancora completate</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Campione</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Esecuzione</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>interrupted (%1): reopen it</source>
        <translation>interrotta (%1): riaprila</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completata</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verificata</translation>
    </message>
    <message>
        <source>External lab</source>
        <translation>Laboratorio esterno</translation>
    </message>
    <message>
        <source>No test is waiting for verification.</source>
        <translation>Nessuna prova è in attesa di verifica.</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verifica</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>Respingi…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Riapri…</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>Annulla la prova…</translation>
    </message>
    <message>
        <source>Send to external lab…</source>
        <translation>Affida a laboratorio esterno…</translation>
    </message>
    <message>
        <source>External results…</source>
        <translation>Risultati esterni…</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Completa</translation>
    </message>
    <message>
        <source>Raw file</source>
        <translation>File grezzo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Aggiunto</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Apri</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>Salva una copia…</translation>
    </message>
    <message>
        <source>{sample} · {test}: {n} result versions</source>
        <translation>{sample} · {test}: versioni dei risultati: {n}</translation>
    </message>
    <message>
        <source>Round {round}, v{version}</source>
        <translation>Esecuzione {round}, v{version}</translation>
    </message>
    <message>
        <source>Deviations</source>
        <translation>Scostamenti</translation>
    </message>
    <message>
        <source>Machine used</source>
        <translation>Strumento usato</translation>
    </message>
    <message>
        <source>External: {lab}</source>
        <translation>Esterno: {lab}</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>Inserito da</translation>
    </message>
    <message>
        <source>Entered at</source>
        <translation>Inserito il</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Verified: {sample}, {test}</source>
        <translation>Verificata: {sample}, {test}</translation>
    </message>
    <message>
        <source>Completed: {sample}, {test}</source>
        <translation>Completata: {sample}, {test}</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Respingi</translation>
    </message>
    <message>
        <source>Why is the test rejected? The reason is kept with it.</source>
        <translation>Perché la prova è respinta? Il motivo resta con la prova.</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Riapri</translation>
    </message>
    <message>
        <source>Reopening starts a new round of the test, back in the planning; the results so far are kept. Why is it reopened?</source>
        <translation>La riapertura avvia una nuova esecuzione della prova, di nuovo da pianificare; i risultati finora restano. Perché viene riaperta?</translation>
    </message>
    <message>
        <source>Cancel the test</source>
        <translation>Annulla la prova</translation>
    </message>
    <message>
        <source>Why is the test cancelled?</source>
        <translation>Perché la prova viene annullata?</translation>
    </message>
    <message>
        <source>Send to external lab</source>
        <translation>Affida a laboratorio esterno</translation>
    </message>
    <message>
        <source>Which lab will run the test? Its results will be reported as provided externally.</source>
        <translation>Quale laboratorio eseguirà la prova? I risultati saranno riportati come forniti dall&apos;esterno.</translation>
    </message>
    <message>
        <source>Save a copy of the raw file</source>
        <translation>Salva una copia del file grezzo</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Salvato: {path}</translation>
    </message>
</context>
<context>
    <name>ReviseDialog</name>
    <message>
        <source>Revise report %1</source>
        <translation>Revisiona il rapporto %1</translation>
    </message>
    <message>
        <source>The revision replaces report %1, which is kept.</source>
        <translation>La revisione sostituisce il rapporto %1, che resta conservato.</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Cosa è cambiato</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Issue the revision</source>
        <translation>Emetti la revisione</translation>
    </message>
</context>
<context>
    <name>SampleEditor</name>
    <message>
        <source>Material</source>
        <translation>Materiale</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Condition on receipt</source>
        <translation>Stato al ricevimento</translation>
    </message>
    <message>
        <source>Deviations noted</source>
        <translation>Anomalie riscontrate</translation>
    </message>
    <message>
        <source>Customer&apos;s answer</source>
        <translation>Risposta del cliente</translation>
    </message>
    <message>
        <source>Stated by the customer</source>
        <translation>Dichiarato dal cliente</translation>
    </message>
    <message>
        <source>e.g. S355JR steel plate</source>
        <translation>es. lamiera in acciaio S355JR</translation>
    </message>
    <message>
        <source>e.g. intact, light surface rust</source>
        <translation>es. integro, leggera ossidazione superficiale</translation>
    </message>
    <message>
        <source>Anything unusual: damage, missing marking, too little material</source>
        <translation>Ogni anomalia: danni, marcatura assente, materiale insufficiente</translation>
    </message>
    <message>
        <source>What the customer decided about the deviations</source>
        <translation>Cosa ha deciso il cliente sulle anomalie</translation>
    </message>
    <message>
        <source>Information the lab does not verify (printed as such)</source>
        <translation>Informazioni non verificate dal laboratorio (riportate come tali)</translation>
    </message>
    <message>
        <source>Test asked for</source>
        <translation>Prova richiesta</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Ore</translation>
    </message>
    <message>
        <source>Net price</source>
        <translation>Imponibile</translation>
    </message>
    <message>
        <source>Add test</source>
        <translation>Aggiungi prova</translation>
    </message>
    <message>
        <source>Remove test</source>
        <translation>Togli prova</translation>
    </message>
    <message>
        <source>Tests asked for</source>
        <translation>Prove richieste</translation>
    </message>
    <message>
        <source>Choose a test…</source>
        <translation>Scegli una prova…</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
</context>
<context>
    <name>SampleHistoryView</name>
    <message>
        <source>simple acceptance</source>
        <translation>accettazione semplice</translation>
    </message>
    <message>
        <source>guarded acceptance</source>
        <translation>accettazione con banda di guardia</translation>
    </message>
    <message>
        <source>The file %1 could not be written: check that the folder exists and can be written.</source>
        <translation>Impossibile scrivere il file %1: controlla che la cartella esista e sia scrivibile.</translation>
    </message>
    <message>
        <source>← Samples</source>
        <translation>← Campioni</translation>
    </message>
    <message>
        <source>Customer&apos;s calendar (.ics)…</source>
        <translation>Calendario per il cliente (.ics)…</translation>
    </message>
    <message>
        <source>The request&apos;s planned tests as a file for the customer&apos;s calendar</source>
        <translation>Le prove pianificate della richiesta in un file per il calendario del cliente</translation>
    </message>
    <message>
        <source>Store at...</source>
        <translation>Immagazzina in...</translation>
    </message>
    <message>
        <source>Take to test...</source>
        <translation>Porta in prova...</translation>
    </message>
    <message>
        <source>Return to customer...</source>
        <translation>Restituisci al cliente...</translation>
    </message>
    <message>
        <source>Keep as remnant until...</source>
        <translation>Conserva come residuo fino al...</translation>
    </message>
    <message>
        <source>Dispose...</source>
        <translation>Smaltisci...</translation>
    </message>
    <message>
        <source>Received again...</source>
        <translation>Ricevuto di nuovo...</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Campione</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Materiale</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Condition on receipt</source>
        <translation>Stato al ricevimento</translation>
    </message>
    <message>
        <source>Deviations noted</source>
        <translation>Anomalie rilevate</translation>
    </message>
    <message>
        <source>Customer&apos;s answer</source>
        <translation>Risposta del cliente</translation>
    </message>
    <message>
        <source>Stated by the customer</source>
        <translation>Dichiarato dal cliente</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevuto</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Richiesta</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorità</translation>
    </message>
    <message>
        <source>Results needed by</source>
        <translation>Risultati richiesti entro</translation>
    </message>
    <message>
        <source>Statement of conformity</source>
        <translation>Dichiarazione di conformità</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>Accettazione del cliente</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Passaggio</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dove</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Chi</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Postazione</translation>
    </message>
    <message>
        <source>Load older steps</source>
        <translation>Carica i passaggi precedenti</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Norma</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Macchina</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Pianificata</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Tecnico</translation>
    </message>
    <message>
        <source>Lab ID</source>
        <translation>ID laboratorio</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Relazione</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Cosa</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
    <message>
        <source>The activity log is shown to lab managers and administrators.</source>
        <translation>Il registro attività è visibile ai responsabili di laboratorio e agli amministratori.</translation>
    </message>
    <message>
        <source>Chain of custody</source>
        <translation>Catena di custodia</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>Prove</translation>
    </message>
    <message>
        <source>Specimens</source>
        <translation>Provette</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Registro attività</translation>
    </message>
    <message>
        <source>%1 of %2 steps</source>
        <translation>%1 di %2 passaggi</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>fino al %1</translation>
    </message>
    <message>
        <source>In the lab since its intake</source>
        <translation>In laboratorio dall&apos;accettazione</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nessuna</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annullata</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normale</translation>
    </message>
    <message>
        <source>%1 (decision rule: %2)</source>
        <translation>%1 (regola decisionale: %2)</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>Non richiesta</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Non ancora</translation>
    </message>
    <message>
        <source>Specimen</source>
        <translation>Provetta</translation>
    </message>
    <message>
        <source>Cut from</source>
        <translation>Ricavata da</translation>
    </message>
    <message>
        <source>Specimens (%1)</source>
        <translation>Provette (%1)</translation>
    </message>
    <message>
        <source>Save the customer&apos;s calendar</source>
        <translation>Salva il calendario per il cliente</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>File di calendario (*.ics)</translation>
    </message>
    <message>
        <source>Calendar saved as %1</source>
        <translation>Calendario salvato in %1</translation>
    </message>
</context>
<context>
    <name>SamplesEditor</name>
    <message>
        <source>Add sample</source>
        <translation>Aggiungi campione</translation>
    </message>
    <message>
        <source>Remove sample</source>
        <translation>Togli campione</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Campioni</translation>
    </message>
    <message>
        <source>Sample %1</source>
        <translation>Campione %1</translation>
    </message>
</context>
<context>
    <name>SamplesView</name>
    <message>
        <source>Samples</source>
        <translation>Campioni</translation>
    </message>
    <message>
        <source>Search by lab ID or company, or scan a sample label</source>
        <translation>Cerca per ID laboratorio o azienda, o scansiona l&apos;etichetta di un campione</translation>
    </message>
    <message>
        <source>Lab ID</source>
        <translation>ID laboratorio</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevuto</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Materiale</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Richiesta</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>Prove</translation>
    </message>
    <message>
        <source>Custody</source>
        <translation>Custodia</translation>
    </message>
    <message>
        <source>Enter or double-click opens a sample&apos;s history; scanning its label does too.</source>
        <translation>Invio o doppio clic per aprire la storia del campione; oppure scansionarne l&apos;etichetta.</translation>
    </message>
</context>
<context>
    <name>ScanStrip</name>
    <message>
        <source>Scan a sample label to open its test or its history</source>
        <translation>Scansiona un&apos;etichetta (prova o storia)</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>ERRORE</translation>
    </message>
    <message>
        <source>scratch database created and migrated</source>
        <translation>database di prova creato e migrato</translation>
    </message>
    <message>
        <source>check-in recorded, badge %1</source>
        <translation>ingresso registrato, badge %1</translation>
    </message>
    <message>
        <source>badge PDF drawn (%1)</source>
        <translation>PDF del badge disegnato (%1)</translation>
    </message>
    <message>
        <source>the QR was decoded as %1</source>
        <translation>il QR è stato letto come %1</translation>
    </message>
    <message>
        <source>badge rendered with QtPdf and its QR decoded</source>
        <translation>badge visualizzato con QtPdf e il suo QR letto</translation>
    </message>
    <message>
        <source>the scan did not check the visit out (%1)</source>
        <translation>la scansione non ha registrato l&apos;uscita (%1)</translation>
    </message>
    <message>
        <source>badge scanned back: visit checked out</source>
        <translation>badge riletto: uscita registrata</translation>
    </message>
    <message>
        <source>database</source>
        <translation>database</translation>
    </message>
    <message>
        <source>check-in</source>
        <translation>ingresso</translation>
    </message>
    <message>
        <source>badge</source>
        <translation>badge</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>codice QR</translation>
    </message>
    <message>
        <source>scan</source>
        <translation>scansione</translation>
    </message>
    <message>
        <source>resources</source>
        <translation>risorse</translation>
    </message>
    <message>
        <source>desk database: none at %1 yet, so not checked (to make one: frontdesk init --desk CODE)</source>
        <translation>database della postazione: ancora nessuno in %1, quindi non controllato (per crearlo: frontdesk init --desk CODICE)</translation>
    </message>
    <message>
        <source>desk database %1: %2</source>
        <translation>database della postazione %1: %2</translation>
    </message>
    <message>
        <source>current</source>
        <translation>attuale</translation>
    </message>
    <message>
        <source>older, upgraded when the app next opens it</source>
        <translation>precedente, aggiornato alla prossima apertura dell&apos;app</translation>
    </message>
    <message numerus="yes">
        <source>%n badge key(s)</source>
        <translation>
            <numerusform>%n chiave dei badge</numerusform>
            <numerusform>%n chiavi dei badge</numerusform>
        </translation>
    </message>
    <message>
        <source>no badge key yet</source>
        <translation>ancora nessuna chiave dei badge</translation>
    </message>
    <message>
        <source>desk database: %1 passes its integrity check; schema %2 (%3), desk %4, %5</source>
        <translation>database della postazione: %1 supera il controllo di integrità; schema %2 (%3), postazione %4, %5</translation>
    </message>
    <message>
        <source>self-test passed</source>
        <translation>autodiagnosi superata</translation>
    </message>
    <message>
        <source>self-test FAILED</source>
        <translation>autodiagnosi NON superata</translation>
    </message>
    <message>
        <source>font</source>
        <translation>carattere</translation>
    </message>
    <message>
        <source>translation</source>
        <translation>traduzione</translation>
    </message>
    <message>
        <source>locale data</source>
        <translation>dati della lingua</translation>
    </message>
    <message>
        <source>migrations</source>
        <translation>migrazioni</translation>
    </message>
    <message>
        <source>privacy notice</source>
        <translation>informativa privacy</translation>
    </message>
    <message>
        <source>seed catalogue</source>
        <translation>catalogo iniziale</translation>
    </message>
    <message>
        <source>icon</source>
        <translation>icona</translation>
    </message>
    <message>
        <source>not loadable: %1</source>
        <translation>non caricabile: %1</translation>
    </message>
    <message>
        <source>not loadable from %1</source>
        <translation>non caricabile da %1</translation>
    </message>
    <message>
        <source>found</source>
        <translation>trovato</translation>
    </message>
    <message>
        <source>MISSING</source>
        <translation>MANCANTE</translation>
    </message>
    <message>
        <source>%1 of %2 resources missing: %3</source>
        <translation>mancano %1 risorse su %2: %3</translation>
    </message>
    <message>
        <source>all %1 resources found in %2</source>
        <translation>tutte le %1 risorse trovate in %2</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Desk</source>
        <translation>Postazione</translation>
    </message>
    <message>
        <source>The Point</source>
        <translation>Il Point</translation>
    </message>
    <message>
        <source>Laboratory</source>
        <translation>Laboratorio</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Ricevute</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Stampa</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>Accoglienza</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicurezza</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronizzazione</translation>
    </message>
    <message>
        <source>Desk code</source>
        <translation>Codice postazione</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Street and number, e.g. Via Pasubio 5</source>
        <translation>Via e numero civico, ad es. Via Pasubio 5</translation>
    </message>
    <message>
        <source>Postcode (CAP)</source>
        <translation>CAP</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Comune</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Provincia</translation>
    </message>
    <message>
        <source>Two letters, e.g. BG</source>
        <translation>Due lettere, ad es. BG</translation>
    </message>
    <message>
        <source>REA number</source>
        <translation>Numero REA</translation>
    </message>
    <message>
        <source>Province and number in the Chamber of Commerce&apos;s register, e.g. BG-123456</source>
        <translation>Sigla della provincia e numero di iscrizione al Registro delle imprese della Camera di Commercio, ad es. BG-123456</translation>
    </message>
    <message>
        <source>Tax regime</source>
        <translation>Regime fiscale</translation>
    </message>
    <message>
        <source>Partita IVA</source>
        <translation>Partita IVA</translation>
    </message>
    <message>
        <source>Codice Fiscale</source>
        <translation>Codice fiscale</translation>
    </message>
    <message>
        <source>Where the lab performs its tests</source>
        <translation>Dove il laboratorio esegue le prove</translation>
    </message>
    <message>
        <source>Printed on test reports; empty: the address above</source>
        <translation>Stampato sui rapporti di prova; vuoto: l&apos;indirizzo sopra</translation>
    </message>
    <message>
        <source>Planning desk</source>
        <translation>Postazione di pianificazione</translation>
    </message>
    <message>
        <source>The code of the desk that computes the lab&apos;s automatic plan, e.g. L1; empty: no automatic plan</source>
        <translation>Il codice della postazione che calcola il piano automatico del laboratorio, es. L1; vuoto: nessun piano automatico</translation>
    </message>
    <message>
        <source>Plan kept steady for</source>
        <translation>Piano stabile per</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> giorni lavorativi</translation>
    </message>
    <message>
        <source>Tests planned in these next working days keep their slots when new requests arrive, unless a machine fails</source>
        <translation>Le prove pianificate nei prossimi giorni lavorativi indicati restano al loro posto quando arrivano nuove richieste, salvo guasti di uno strumento</translation>
    </message>
    <message>
        <source>Report issued within</source>
        <translation>Rapporto emesso entro</translation>
    </message>
    <message>
        <source>From the end of the last test to the report: the date promised at the desk adds them</source>
        <translation>Dalla fine dell&apos;ultima prova al rapporto: la data promessa allo sportello li aggiunge</translation>
    </message>
    <message>
        <source>Refuse cash from</source>
        <translation>Rifiuta i contanti da</translation>
    </message>
    <message>
        <source> €</source>
        <translation> €</translation>
    </message>
    <message>
        <source>The legal limit for cash payments (EUR 5,000 in 2026)</source>
        <translation>Il limite di legge per i pagamenti in contanti (5.000 euro nel 2026)</translation>
    </message>
    <message>
        <source>Charge the stamp duty</source>
        <translation>Addebita l&apos;imposta di bollo</translation>
    </message>
    <message>
        <source>When due, the EUR 2.00 stamp duty is a line the customer pays</source>
        <translation>Quando dovuta, l&apos;imposta di bollo di 2,00 euro è una riga a carico del cliente</translation>
    </message>
    <message>
        <source>Member prices for</source>
        <translation>Prezzo associati per</translation>
    </message>
    <message>
        <source>Badge printer</source>
        <translation>Stampante dei badge</translation>
    </message>
    <message>
        <source>Badge size</source>
        <translation>Formato del badge</translation>
    </message>
    <message>
        <source>ID-1 card (85.6 × 54 mm)</source>
        <translation>Tessera ID-1 (85,6 × 54 mm)</translation>
    </message>
    <message>
        <source>62 mm continuous label</source>
        <translation>Etichetta continua da 62 mm</translation>
    </message>
    <message>
        <source>Evacuation list printer</source>
        <translation>Stampante dell&apos;elenco di evacuazione</translation>
    </message>
    <message>
        <source>Report printer</source>
        <translation>Stampante dei rapporti</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Stampante delle ricevute</translation>
    </message>
    <message>
        <source>Receipt layout</source>
        <translation>Formato delle ricevute</translation>
    </message>
    <message>
        <source>A5 sheet</source>
        <translation>Foglio A5</translation>
    </message>
    <message>
        <source>80 mm roll (thermal printer)</source>
        <translation>Rotolo da 80 mm (stampante termica)</translation>
    </message>
    <message>
        <source>Automatic check-out at</source>
        <translation>Uscita automatica alle</translation>
    </message>
    <message>
        <source>Evacuation list folder</source>
        <translation>Cartella dell&apos;elenco di evacuazione</translation>
    </message>
    <message>
        <source>A shared or synced folder</source>
        <translation>Una cartella condivisa o sincronizzata</translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation>Server di posta (SMTP)</translation>
    </message>
    <message>
        <source>Leave empty to send no e-mail to hosts</source>
        <translation>Lascia vuoto per non inviare e-mail ai referenti</translation>
    </message>
    <message>
        <source>Mail server port</source>
        <translation>Porta del server di posta</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Indirizzo del mittente</translation>
    </message>
    <message>
        <source>Privacy notice version</source>
        <translation>Versione dell&apos;informativa privacy</translation>
    </message>
    <message>
        <source>Lock the screen after</source>
        <translation>Blocca lo schermo dopo</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minuti</translation>
    </message>
    <message>
        <source>Keep visitor records for</source>
        <translation>Conserva i dati dei visitatori per</translation>
    </message>
    <message>
        <source> months</source>
        <translation> mesi</translation>
    </message>
    <message>
        <source>Keep lab records for</source>
        <translation>Conserva i dati del laboratorio per</translation>
    </message>
    <message>
        <source> years</source>
        <translation> anni</translation>
    </message>
    <message>
        <source>Keep fiscal records for</source>
        <translation>Conserva i dati fiscali per</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Cartella dei backup</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Indirizzo dell&apos;hub</translation>
    </message>
    <message>
        <source>e.g. https://hub.point.local:8443</source>
        <translation>es. https://hub.point.local:8443</translation>
    </message>
    <message>
        <source>Hub token file</source>
        <translation>File del token dell&apos;hub</translation>
    </message>
    <message>
        <source>The file holding this desk&apos;s token, readable only by this user</source>
        <translation>Il file con il token di questa postazione, leggibile solo da questo utente</translation>
    </message>
    <message>
        <source>Hub certificate authority (CA)</source>
        <translation>Autorità di certificazione dell&apos;hub (CA)</translation>
    </message>
    <message>
        <source>Empty: the system&apos;s certificates</source>
        <translation>Vuoto: i certificati del sistema</translation>
    </message>
    <message>
        <source>Nightly sync at</source>
        <translation>Sincronizzazione notturna alle</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Only an administrator can change the settings.</source>
        <translation>Solo un amministratore può modificare le impostazioni.</translation>
    </message>
    <message>
        <source>Settings marked “whole site” are valid for the whole site: they sync with the other desks, and a change made here reaches them at their next sync. Those marked “this desk only” stay on this PC.</source>
        <translation>Le impostazioni segnate «tutta la sede» valgono per tutta la sede: si sincronizzano con le altre postazioni, che ricevono una modifica fatta qui alla loro prossima sincronizzazione. Quelle segnate «solo questa postazione» restano su questo PC.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>Annulla le modifiche</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizza ora</translation>
    </message>
    <message>
        <source>Exchange this desk&apos;s changes with the hub now (saved settings)</source>
        <translation>Scambia ora le modifiche di questa postazione con l&apos;hub (con le impostazioni salvate)</translation>
    </message>
    <message>
        <source>Refused changes...</source>
        <translation>Modifiche rifiutate...</translation>
    </message>
    <message>
        <source>The changes made here that the hub refused: read why, send them again or dismiss them</source>
        <translation>Le modifiche fatte qui che l&apos;hub ha rifiutato: leggi il motivo, inviale di nuovo o archiviale</translation>
    </message>
    <message>
        <source>Syncing...</source>
        <translation>Sincronizzazione in corso...</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Scegli...</translation>
    </message>
    <message>
        <source>whole site</source>
        <translation>tutta la sede</translation>
    </message>
    <message>
        <source>this desk only</source>
        <translation>solo questa postazione</translation>
    </message>
    <message>
        <source>Valid for the whole site: it syncs with the other desks</source>
        <translation>Valida per tutta la sede: si sincronizza con le altre postazioni</translation>
    </message>
    <message>
        <source>This desk only: never sent to the other desks</source>
        <translation>Solo questa postazione: non viene mai inviata alle altre</translation>
    </message>
    <message>
        <source>No printer: save the PDF and open it</source>
        <translation>Nessuna stampante: salva il PDF e aprilo</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Scegli una cartella</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Scegli un file</translation>
    </message>
    <message>
        <source>Settings saved. The new language is used from the next start.</source>
        <translation>Impostazioni salvate. La nuova lingua sarà usata dal prossimo avvio.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Impostazioni salvate.</translation>
    </message>
    <message>
        <source>Lab&apos;s municipality</source>
        <translation>Comune del laboratorio</translation>
    </message>
    <message>
        <source>e.g. Dalmine</source>
        <translation>per esempio Dalmine</translation>
    </message>
    <message>
        <source>Patron saint&apos;s day</source>
        <translation>Festa del patrono</translation>
    </message>
    <message>
        <source>MM-DD, e.g. 03-19 for San Giuseppe: the lab is closed</source>
        <translation>MM-GG, per esempio 03-19 per San Giuseppe: il laboratorio è chiuso</translation>
    </message>
    <message>
        <source>Sample label printer (50 × 25 mm)</source>
        <translation>Stampante etichette campioni (50 × 25 mm)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Set the administrator&apos;s password</source>
        <translation>Imposta la password dell&apos;amministratore</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Accedi</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Buongiorno</translation>
    </message>
    <message>
        <source>Sign in to the front desk</source>
        <translation>Accedi all&apos;accoglienza</translation>
    </message>
    <message>
        <source>Checking the database...</source>
        <translation>Verifica del database in corso...</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>&amp;Nome utente</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>New &amp;password</source>
        <translation>Nuova &amp;password</translation>
    </message>
    <message>
        <source>&amp;Repeat password</source>
        <translation>&amp;Ripeti la password</translation>
    </message>
    <message>
        <source>Save and sign in</source>
        <translation>Salva e accedi</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Esci</translation>
    </message>
    <message>
        <source>Demo database: sign in with one of these accounts.</source>
        <translation>Database dimostrativo: accedi con uno di questi account.</translation>
    </message>
    <message>
        <source>%1, password %2</source>
        <translation>%1, password %2</translation>
    </message>
    <message>
        <source>This is the first start of the app. Choose the password of the administrator account &quot;admin&quot; (at least 8 characters) and write it down somewhere safe.</source>
        <translation>È il primo avvio dell&apos;app. Scegli la password dell&apos;account amministratore &quot;admin&quot; (almeno 8 caratteri) e annotala in un posto sicuro.</translation>
    </message>
    <message>
        <source>Desk %1. Type your username and password.</source>
        <translation>Postazione %1. Scrivi nome utente e password.</translation>
    </message>
    <message>
        <source>Type your username and password.</source>
        <translation>Scrivi nome utente e password.</translation>
    </message>
    <message>
        <source>The administrator&apos;s password cannot be saved until this is solved.</source>
        <translation>La password dell&apos;amministratore non si può salvare finché il problema non è risolto.</translation>
    </message>
    <message>
        <source>You can sign in to look at the data.</source>
        <translation>Puoi accedere per consultare i dati.</translation>
    </message>
    <message>
        <source>Type your username.</source>
        <translation>Scrivi il tuo nome utente.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Scrivi la tua password.</translation>
    </message>
    <message>
        <source>The password cannot be empty.</source>
        <translation>La password non può essere vuota.</translation>
    </message>
    <message>
        <source>The two passwords are different. Type them again.</source>
        <translation>Le due password sono diverse. Scrivile di nuovo.</translation>
    </message>
</context>
<context>
    <name>StaffView</name>
    <message>
        <source>Disabled</source>
        <translation>Disattivato</translation>
    </message>
    <message>
        <source>No password yet</source>
        <translation>Password non ancora impostata</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>Bloccato fino alle %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Attivo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Staff accounts</source>
        <translation>Account del personale</translation>
    </message>
    <message>
        <source>Only an administrator can manage staff accounts.</source>
        <translation>Solo un amministratore può gestire gli account del personale.</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>Nuovo account…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Reimposta password…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Disattiva</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Riattiva</translation>
    </message>
</context>
<context>
    <name>TestTypeForm</name>
    <message>
        <source>number</source>
        <translation>numero</translation>
    </message>
    <message>
        <source>text</source>
        <translation>testo</translation>
    </message>
    <message>
        <source>choice</source>
        <translation>scelta</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Italian label</source>
        <translation>Etichetta italiana</translation>
    </message>
    <message>
        <source>English label</source>
        <translation>Etichetta inglese</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unità</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>Decimali</translation>
    </message>
    <message>
        <source>Uncertainty U</source>
        <translation>Incertezza U</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>Scelte</translation>
    </message>
    <message>
        <source>e.g. UNI EN ISO 6892-1:2020</source>
        <translation>es. UNI EN ISO 6892-1:2020</translation>
    </message>
    <message>
        <source>Inside the accreditation scope</source>
        <translation>Rientra nel campo di accreditamento</translation>
    </message>
    <message>
        <source>Exposure in hours, priced per hour</source>
        <translation>Esposizione in ore, prezzo orario</translation>
    </message>
    <message>
        <source>The customer chooses the hours of each exposure (salt spray)</source>
        <translation>Il cliente sceglie le ore di ogni esposizione (nebbia salina)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>Aggiungi campo</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>Rimuovi campo</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>Aggiungi condizione</translation>
    </message>
    <message>
        <source>Remove condition</source>
        <translation>Rimuovi condizione</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Name (Italian)</source>
        <translation>Nome (italiano)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>Nome (inglese)</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Norma</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metodo</translation>
    </message>
    <message>
        <source>Equipment kind</source>
        <translation>Tipo di apparecchiatura</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation>Preparazione</translation>
    </message>
    <message>
        <source>from</source>
        <translation>da</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Hours of exposure</source>
        <translation>Ore di esposizione</translation>
    </message>
    <message>
        <source>Price (€)</source>
        <translation>Prezzo (€)</translation>
    </message>
    <message>
        <source>Member price (€)</source>
        <translation>Prezzo soci (€)</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>IVA</translation>
    </message>
    <message>
        <source>Result fields</source>
        <translation>Campi di risultato</translation>
    </message>
    <message>
        <source>Uncertainty U: the expanded uncertainty (k = 2), in the field&apos;s unit; followed by % it is relative to the result. Choices are separated by semicolons.</source>
        <translation>Incertezza U: l&apos;incertezza estesa (k = 2), nell&apos;unità del campo; se seguita da % è relativa al risultato. Le scelte sono separate da punto e virgola.</translation>
    </message>
    <message>
        <source>Conditions to record</source>
        <translation>Condizioni da registrare</translation>
    </message>
    <message>
        <source>The code cannot be changed: it identifies the test at every desk.</source>
        <translation>Il codice non si può cambiare: identifica la prova in ogni postazione.</translation>
    </message>
    <message>
        <source>per hour of exposure</source>
        <translation>per ora di esposizione</translation>
    </message>
    <message>
        <source>per test</source>
        <translation>per prova</translation>
    </message>
    <message>
        <source>%1 is not a number: “%2”.</source>
        <translation>%1 non è un numero: «%2».</translation>
    </message>
</context>
<context>
    <name>TimelinePaint</name>
    <message>
        <source>Never calibrated</source>
        <translation>Mai tarato</translation>
    </message>
    <message>
        <source>Calibration lapsed on {day}</source>
        <translation>Taratura scaduta il {day}</translation>
    </message>
    <message>
        <source>Load: up to {count} of {capacity}</source>
        <translation>Carico: fino a {count} su {capacity}</translation>
    </message>
    <message>
        <source>Out of service: {reason}</source>
        <translation>Fuori servizio: {reason}</translation>
    </message>
    <message>
        <source>Calibration valid until {day}</source>
        <translation>Taratura valida fino al {day}</translation>
    </message>
</context>
<context>
    <name>TimelineTips</name>
    <message>
        <source>Planned</source>
        <translation>Pianificata</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In corso</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Eseguita</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verificata</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Rapporto emesso</translation>
    </message>
    <message>
        <source>{days} d {hours} h</source>
        <translation>{days} g {hours} h</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Stato: {status}</translation>
    </message>
    <message>
        <source>, pinned: the automatic plan leaves it</source>
        <translation>, fissata: il piano automatico non la sposta</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>Da {start} a {end}</translation>
    </message>
    <message>
        <source>Technician: {name}</source>
        <translation>Tecnico: {name}</translation>
    </message>
    <message>
        <source>Needed by: {day}</source>
        <translation>Richiesta entro: {day}</translation>
    </message>
    <message>
        <source>Late by {duration}</source>
        <translation>In ritardo di {duration}</translation>
    </message>
    <message>
        <source>Moved by the plan: {reason}</source>
        <translation>Spostata dal piano: {reason}</translation>
    </message>
    <message>
        <source>Interrupted: {reason}</source>
        <translation>Interrotta: {reason}</translation>
    </message>
    <message>
        <source>Works from {start} to {end}</source>
        <translation>Lavora dalle {start} alle {end}</translation>
    </message>
    <message>
        <source>Holds {capacity} tests at once</source>
        <translation>Contiene {capacity} prove alla volta</translation>
    </message>
    <message>
        <source>Calibration valid until {day}</source>
        <translation>Taratura valida fino al {day}</translation>
    </message>
    <message>
        <source>Never calibrated</source>
        <translation>Mai tarato</translation>
    </message>
    <message>
        <source>{count} of {capacity} places taken from {start} to {end}</source>
        <translation>{count} posti occupati su {capacity} da {start} a {end}</translation>
    </message>
    <message>
        <source>until further notice</source>
        <translation>fino a nuovo avviso</translation>
    </message>
    <message>
        <source>Out of service from {start} to {end}: {reason}</source>
        <translation>Fuori servizio da {start} a {end}: {reason}</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>the first run of the day</source>
        <translation>primo calcolo del giorno</translation>
    </message>
    <message>
        <source>after a change</source>
        <translation>dopo una modifica</translation>
    </message>
    <message>
        <source>after a machine went out of service</source>
        <translation>dopo un fuori servizio</translation>
    </message>
    <message>
        <source>on request</source>
        <translation>su richiesta</translation>
    </message>
    <message>
        <source>Lab timeline</source>
        <translation>Piano del laboratorio</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Giorno</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Settimana</translation>
    </message>
    <message>
        <source>The day or week before (Ctrl+Left)</source>
        <translation>Il giorno o la settimana prima (Ctrl+Sinistra)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <source>Today (Ctrl+Home)</source>
        <translation>Oggi (Ctrl+Home)</translation>
    </message>
    <message>
        <source>The day or week after (Ctrl+Right)</source>
        <translation>Il giorno o la settimana dopo (Ctrl+Destra)</translation>
    </message>
    <message>
        <source>Drag a planned test to another time or machine, or choose it with Tab and the arrows, move it with Alt+arrows and press Enter; Esc cancels, P pins it. A test moved by hand is pinned: the automatic plan leaves it.</source>
        <translation>Trascina una prova pianificata su un altro orario o un&apos;altra macchina, oppure sceglila con Tab e le frecce, spostala con Alt+frecce e premi Invio; Esc annulla, P la fissa. Una prova spostata a mano resta fissata: il piano automatico non la sposta.</translation>
    </message>
    <message>
        <source>No machine in use: add the lab&apos;s machines under Equipment and calendar.</source>
        <translation>Nessuna macchina in uso: aggiungi le macchine del laboratorio in Strumenti e calendario.</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>Dal {first} al {last}</translation>
    </message>
    <message>
        <source>No automatic plan computed yet</source>
        <translation>Nessun piano automatico ancora calcolato</translation>
    </message>
    <message>
        <source>Plan computed on {day} at {time} ({cause})</source>
        <translation>Piano calcolato il {day} alle {time} ({cause})</translation>
    </message>
    <message>
        <source>Late: {late} · Not placed: {unplaced}</source>
        <translation>In ritardo: {late} · Non collocate: {unplaced}</translation>
    </message>
    <message>
        <source>Moved and pinned: {sample}, {start}</source>
        <translation>Spostata e fissata: {sample}, {start}</translation>
    </message>
</context>
<context>
    <name>Upkeep</name>
    <message>
        <source>Newest good backup: %1</source>
        <translation>Copia valida più recente: %1</translation>
    </message>
</context>
<context>
    <name>VisitLogView</name>
    <message>
        <source>On site</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation>Uscito</translation>
    </message>
    <message>
        <source>Checked out (automatic)</source>
        <translation>Uscito (automatico)</translation>
    </message>
    <message>
        <source>Visit log</source>
        <translation>Registro visite</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Ultimi 7 giorni</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Questo mese</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Mese scorso</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Quest&apos;anno</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Tutte le date</translation>
    </message>
    <message>
        <source>Choose dates</source>
        <translation>Scegli le date</translation>
    </message>
    <message>
        <source>All associations</source>
        <translation>Tutte le associazioni</translation>
    </message>
    <message>
        <source>All purposes</source>
        <translation>Tutti i motivi</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dal</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Al</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Association</source>
        <translation>Associazione</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Entrata</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Uscita</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Visitatore</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Referente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>Esporta CSV...</translation>
    </message>
    <message>
        <source>Export Excel...</source>
        <translation>Esporta Excel...</translation>
    </message>
    <message>
        <source>The start date comes after the end date.</source>
        <translation>La data di inizio è successiva alla data di fine.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Conteggio…</translation>
    </message>
    <message>
        <source>No visits match these filters.</source>
        <translation>Nessuna visita corrisponde a questi filtri.</translation>
    </message>
    <message>
        <source>1 visit</source>
        <translation>1 visita</translation>
    </message>
    <message>
        <source>{n} visits</source>
        <translation>{n} visite</translation>
    </message>
    <message>
        <source>visits</source>
        <translation>visite</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Cartelle di lavoro Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Export the visit log</source>
        <translation>Esporta il registro visite</translation>
    </message>
    <message>
        <source>{n} visits exported to {file}.</source>
        <translation>{n} visite esportate in {file}.</translation>
    </message>
</context>
<context>
    <name>VisitorDialog</name>
    <message>
        <source>Edit visitor</source>
        <translation>Modifica visitatore</translation>
    </message>
    <message>
        <source>New visitor</source>
        <translation>Nuovo visitatore</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Choose the company from the list, or leave the field empty.</source>
        <translation>Scegli l&apos;azienda dall&apos;elenco, oppure lascia vuoto il campo.</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Void receipt %1</source>
        <translation>Annulla ricevuta %1</translation>
    </message>
    <message>
        <source>Receipt %1 keeps its number and is marked voided. Why is it voided?</source>
        <translation>La ricevuta %1 mantiene il suo numero e viene segnata come annullata. Perché viene annullata?</translation>
    </message>
    <message>
        <source>Void receipt</source>
        <translation>Annulla ricevuta</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <source>The file %1 could not be written: check that the folder exists and can be written.</source>
        <translation>Impossibile scrivere il file %1: controlla che la cartella esista e sia scrivibile.</translation>
    </message>
    <message>
        <source>Week of work</source>
        <translation>Settimana di lavoro</translation>
    </message>
    <message>
        <source>&amp;Technician</source>
        <translation>&amp;Tecnico</translation>
    </message>
    <message>
        <source>◀ Previous week</source>
        <translation>◀ Settimana precedente</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Questa settimana</translation>
    </message>
    <message>
        <source>Next week ▶</source>
        <translation>Settimana successiva ▶</translation>
    </message>
    <message>
        <source>The week before (Ctrl+Left)</source>
        <translation>La settimana precedente (Ctrl+Sinistra)</translation>
    </message>
    <message>
        <source>Back to this week (Ctrl+Home)</source>
        <translation>Torna a questa settimana (Ctrl+Home)</translation>
    </message>
    <message>
        <source>The week after (Ctrl+Right)</source>
        <translation>La settimana successiva (Ctrl+Destra)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Orario</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Attività</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Macchina</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Locale</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Campione</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prova</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Richiesta</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Print week…</source>
        <translation>Stampa settimana…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Salva PDF…</translation>
    </message>
    <message>
        <source>Week %1</source>
        <translation>Settimana %1</translation>
    </message>
    <message>
        <source>My week (%1)</source>
        <translation>La mia settimana (%1)</translation>
    </message>
    <message>
        <source>Absent all week.</source>
        <translation>Assente per tutta la settimana.</translation>
    </message>
    <message>
        <source>Nothing planned this week.</source>
        <translation>Nessuna attività pianificata in questa settimana.</translation>
    </message>
    <message>
        <source>%1 planned this week</source>
        <translation>Tempo pianificato nella settimana: %1</translation>
    </message>
    <message>
        <source>%1 planned</source>
        <translation>Tempo pianificato: %1</translation>
    </message>
    <message>
        <source>Nothing planned.</source>
        <translation>Nessuna attività pianificata.</translation>
    </message>
    <message>
        <source>Preparing the week for printing…</source>
        <translation>Preparazione della settimana per la stampa…</translation>
    </message>
    <message>
        <source>week</source>
        <translation>settimana</translation>
    </message>
    <message>
        <source>Save the week as PDF</source>
        <translation>Salva la settimana in PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>File PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Week saved as %1</source>
        <translation>Settimana salvata in %1</translation>
    </message>
</context>
<context>
    <name>WeekdaysDialog</name>
    <message>
        <source>Working days: {name}</source>
        <translation>Giorni lavorativi: {name}</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>Giorni lavorativi</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Print preview</source>
        <translation>Anteprima di stampa</translation>
    </message>
    <message>
        <source>The document could not be saved in the folder %1. Check that the disk is not full and that the folder can be written.</source>
        <translation>Non è stato possibile salvare il documento nella cartella %1. Controlla che il disco non sia pieno e che nella cartella si possa scrivere.</translation>
    </message>
    <message>
        <source>No printer is set for this document: it was saved as %1 and opened.</source>
        <translation>Nessuna stampante è impostata per questo documento: è stato salvato come %1 e aperto.</translation>
    </message>
    <message>
        <source>No printer is set for this document: it was saved as %1.</source>
        <translation>Nessuna stampante è impostata per questo documento: è stato salvato come %1.</translation>
    </message>
    <message>
        <source>The printer “%1” is not available. The document was saved as %2: you can print it again from there, or choose another printer in Settings.</source>
        <translation>La stampante «%1» non è disponibile. Il documento è stato salvato come %2: puoi ristamparlo da lì, o scegliere un&apos;altra stampante nelle Impostazioni.</translation>
    </message>
    <message>
        <source>Printing on “%1” failed. The document was saved as %2: check the printer, then print it again from there.</source>
        <translation>La stampa su «%1» non è riuscita. Il documento è stato salvato come %2: controlla la stampante, poi ristampalo da lì.</translation>
    </message>
    <message>
        <source>Sent to the printer “%1”.</source>
        <translation>Inviato alla stampante «%1».</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Something went wrong. The error was recorded; please try again or call support.</source>
        <translation>Qualcosa non ha funzionato. L&apos;errore è stato registrato; riprova o chiama l&apos;assistenza.</translation>
    </message>
</context>
</TS>
