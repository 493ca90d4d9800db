<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name></name>
    <message>
        <source>Warm transfer</source>
        <translation>Transferencia asistida</translation>
    </message>
    <message>
        <source>Cold transfer</source>
        <translation>Transferencia directa</translation>
    </message>
    <message>
        <source>Add to call</source>
        <translation>Añadir a la llamada</translation>
    </message>
    <message>
        <source>Complete transfer</source>
        <translation>Completar transferencia</translation>
    </message>
    <message>
        <source>Join all</source>
        <translation>Unir a todos</translation>
    </message>
    <message>
        <source>Cancel transfer</source>
        <translation>Cancelar transferencia</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Poner en espera</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <source>Drop voicemail</source>
        <translation>Dejar mensaje de voz</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Usted</translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>Colega</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Private consult</source>
        <translation>Consulta privada</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Salió</translation>
    </message>
    <message>
        <source>{move} accepted by {by}: you are consulting {about} privately; the customer is on hold.</source>
        <translation>{move}: aceptado por {by}. Usted está en consulta privada con {about}; el cliente está en espera.</translation>
    </message>
    <message>
        <source>{move} accepted by {by}: the customer goes to {about} and you have left the call.</source>
        <translation>{move}: aceptado por {by}. El cliente pasa a {about} y usted ha salido de la llamada.</translation>
    </message>
    <message>
        <source>{move} accepted by {by}: {about} is being added to the call.</source>
        <translation>{move}: aceptado por {by}. {about} se está uniendo a la llamada.</translation>
    </message>
    <message>
        <source>{move} accepted by {by}: you have left the call; the customer stays with {about}.</source>
        <translation>{move}: aceptado por {by}. Usted ha salido de la llamada; el cliente se queda con {about}.</translation>
    </message>
    <message>
        <source>{move} accepted by {by}: you, the customer and {about} talk together.</source>
        <translation>{move}: aceptado por {by}. Usted, el cliente y {about} hablan juntos.</translation>
    </message>
    <message>
        <source>{move} accepted by {by}: {about} was dropped; you are back with the customer.</source>
        <translation>{move}: aceptado por {by}. Se desconectó a {about}; usted está de nuevo con el cliente.</translation>
    </message>
    <message>
        <source>{move} accepted by {by}: {about} is on hold.</source>
        <translation>{move}: aceptado por {by}. {about} está en espera.</translation>
    </message>
    <message>
        <source>{move} accepted by {by}: {about} is back from hold.</source>
        <translation>{move}: aceptado por {by}. {about} ya no está en espera.</translation>
    </message>
    <message>
        <source>{move} accepted by {by}: {about} was hung up.</source>
        <translation>{move}: aceptado por {by}. Se colgó a {about}.</translation>
    </message>
    <message>
        <source>{move} accepted by {by}: the voicemail was left for {about}.</source>
        <translation>{move}: aceptado por {by}. Se dejó el mensaje de voz para {about}.</translation>
    </message>
    <message>
        <source>When you are ready: Complete transfer, Join all, or Cancel transfer.</source>
        <translation>Cuando esté listo: Completar transferencia, Unir a todos o Cancelar transferencia.</translation>
    </message>
    <message>
        <source>Press New call for the next caller.</source>
        <translation>Pulse Nueva llamada para el siguiente cliente.</translation>
    </message>
    <message>
        <source>No transfer yet on this call.</source>
        <translation>Aún no hay ninguna transferencia en esta llamada.</translation>
    </message>
    <message>
        <source>{move} to {about}: sent, waiting for Plivo&apos;s answer.</source>
        <translation>{move} a {about}: se envió, esperando la respuesta de Plivo.</translation>
    </message>
    <message>
        <source>{move}: sent, waiting for Plivo&apos;s answer.</source>
        <translation>{move}: se envió, esperando la respuesta de Plivo.</translation>
    </message>
    <message>
        <source>Waiting for Plivo&apos;s answer: nothing else is sent until it comes.</source>
        <translation>Esperando la respuesta de Plivo: no se envía nada más hasta que llegue.</translation>
    </message>
    <message>
        <source>The call is handed over: press New call (Ctrl+N) for the next caller.</source>
        <translation>La llamada ya está transferida: pulse Nueva llamada (Ctrl+N) para el siguiente cliente.</translation>
    </message>
    <message>
        <source>In a consult: Complete transfer (Ctrl+Shift+Return), Join all (Ctrl+Shift+J) or Cancel transfer (Ctrl+Shift+Backspace).</source>
        <translation>En consulta: Completar transferencia (Ctrl+Shift+Return), Unir a todos (Ctrl+Shift+J) o Cancelar transferencia (Ctrl+Shift+Backspace).</translation>
    </message>
    <message>
        <source>No transfer can start now: see the call&apos;s legs for what is possible.</source>
        <translation>Ahora no se puede iniciar ninguna transferencia: vea en los participantes de la llamada lo que es posible.</translation>
    </message>
    <message>
        <source>Ready: Ctrl+Return sends a warm transfer.</source>
        <translation>Listo: Ctrl+Return envía una transferencia asistida.</translation>
    </message>
    <message>
        <source>Type or paste the colleague&apos;s number in To.</source>
        <translation>Escriba o pegue el número del colega en Para.</translation>
    </message>
    <message>
        <source>Still sending the last move: wait for its answer.</source>
        <translation>Aún se está enviando la última acción: espere su respuesta.</translation>
    </message>
    <message>
        <source>The call is handed over: press New call first.</source>
        <translation>La llamada ya está transferida: pulse primero Nueva llamada.</translation>
    </message>
    <message>
        <source>{move} does not fit the call now.</source>
        <translation>{move}: no es posible en la llamada ahora.</translation>
    </message>
    <message>
        <source>{move} not sent: {reason}</source>
        <translation>{move}: no se envió. {reason}</translation>
    </message>
    <message>
        <source>{address} is already on this call. {move} to them again may ring them twice.</source>
        <translation>{address} ya está en esta llamada. Si repite {move}, su teléfono podría sonar dos veces.</translation>
    </message>
    <message>
        <source>{address} may already be on this call: an earlier answer was unclear. {move} to them again may ring them twice.</source>
        <translation>{address} podría estar ya en esta llamada: una respuesta anterior no fue clara. Si repite {move}, su teléfono podría sonar dos veces.</translation>
    </message>
    <message>
        <source>Dial {address} again?</source>
        <translation>¿Volver a marcar {address}?</translation>
    </message>
    <message>
        <source>{move} again</source>
        <translation>{move} de nuevo</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>No enviar</translation>
    </message>
    <message>
        <source>{who}&apos;s softphone is not signed in to Plivo, so the cold transfer may ring no one, and you would leave the call yourself.</source>
        <translation>El softphone de {who} no tiene sesión iniciada en Plivo, así que con la transferencia directa puede que no suene ningún teléfono, y usted saldría de la llamada.</translation>
    </message>
    <message>
        <source>{who}&apos;s softphone is not signed in to Plivo: the {move} may ring no one.</source>
        <translation>{move}: puede que no suene ningún teléfono, porque el softphone de {who} no tiene sesión iniciada en Plivo.</translation>
    </message>
    <message>
        <source>{who} is offline</source>
        <translation>{who}: sin conexión</translation>
    </message>
    <message>
        <source>{move} anyway</source>
        <translation>{move} de todos modos</translation>
    </message>
    <message>
        <source>Cold transfer?</source>
        <translation>¿Transferencia directa?</translation>
    </message>
    <message>
        <source>Connect the caller to {address} and leave the call yourself? You will not hear the hand-over.</source>
        <translation>¿Conectar al cliente con {address} y salir usted de la llamada? No oirá el traspaso.</translation>
    </message>
    <message>
        <source>Transfer and leave</source>
        <translation>Transferir y salir</translation>
    </message>
    <message>
        <source>Stay on the call</source>
        <translation>Seguir en la llamada</translation>
    </message>
    <message>
        <source>Hang up?</source>
        <translation>¿Colgar?</translation>
    </message>
    <message>
        <source>Disconnect {who} from the call?</source>
        <translation>¿Desconectar a {who} de la llamada?</translation>
    </message>
    <message>
        <source>Hang up {who}</source>
        <translation>Colgar a {who}</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Mantener</translation>
    </message>
    <message>
        <source>the sandbox</source>
        <translation>el entorno de pruebas</translation>
    </message>
    <message>
        <source>{what}: Plivo&apos;s answer was not clear (HTTP {status}) “{detail}”.</source>
        <translation>{what}: la respuesta de Plivo no fue clara (HTTP {status}) “{detail}”.</translation>
    </message>
    <message>
        <source>{what}: Plivo&apos;s answer was not clear (HTTP {status}).</source>
        <translation>{what}: la respuesta de Plivo no fue clara (HTTP {status}).</translation>
    </message>
    <message>
        <source>Check the call: it may or may not have happened. The desk offers the moves that fit either way.</source>
        <translation>Revise la llamada: puede que se haya realizado o no. La consola ofrece las acciones válidas en ambos casos.</translation>
    </message>
    <message>
        <source>{move} to {about} not sent.</source>
        <translation>{move} a {about}: no se envió.</translation>
    </message>
    <message>
        <source>{move} not sent.</source>
        <translation>{move}: no se envió.</translation>
    </message>
    <message>
        <source>Plivo refused {move} to {about}</source>
        <translation>Plivo rechazó {move} a {about}</translation>
    </message>
    <message>
        <source>Plivo refused {move}</source>
        <translation>Plivo rechazó {move}</translation>
    </message>
    <message>
        <source>{refused}: “{detail}”.</source>
        <translation>{refused}: “{detail}”.</translation>
    </message>
    <message>
        <source>{refused}.</source>
        <translation>{refused}.</translation>
    </message>
    <message>
        <source>{move} to {about}</source>
        <translation>{move} a {about}</translation>
    </message>
    <message>
        <source>{what}: Plivo answered with a server error (HTTP {status}).</source>
        <translation>{what}: Plivo respondió con un error del servidor (HTTP {status}).</translation>
    </message>
    <message>
        <source>{what}: no answer from Plivo.</source>
        <translation>{what}: Plivo no respondió.</translation>
    </message>
    <message>
        <source>In sandbox mode the settings come from the simulator: clear its faults, or restart sandbox mode.</source>
        <translation>En el modo de pruebas, la configuración la da el simulador: desactive sus fallos o reinicie el modo de pruebas.</translation>
    </message>
    <message>
        <source>Clear %1</source>
        <translation>Borrar %1</translation>
    </message>
    <message>
        <source>Phone number or sip:user@host</source>
        <translation>Número de teléfono o sip:user@host</translation>
    </message>
    <message>
        <source>%1 check</source>
        <translation>%1: comprobación</translation>
    </message>
    <message>
        <source>For example (415) 222-5555, +44 20 7946 0958 or sip:alice@phone.plivo.com</source>
        <translation>Por ejemplo (415) 222-5555, +44 20 7946 0958 o sip:alice@phone.plivo.com</translation>
    </message>
    <message>
        <source>Will send: %1</source>
        <translation>Se enviará: %1</translation>
    </message>
    <message>
        <source>PHLO Desk is already open but did not answer. Use that window: two windows could transfer the same caller twice.</source>
        <translation>PHLO Desk ya está abierto, pero no respondió. Use esa ventana: con dos ventanas se podría transferir dos veces al mismo cliente.</translation>
    </message>
    <message>
        <source>Paste {link} into To there.</source>
        <translation>Pegue {link} en Para en esa ventana.</translation>
    </message>
    <message>
        <source>PHLO Desk</source>
        <translation>PHLO Desk</translation>
    </message>
    <message>
        <source>No transfer in progress.</source>
        <translation>No hay ninguna transferencia en curso.</translation>
    </message>
    <message>
        <source>Consulting %1 privately; the customer is on hold.</source>
        <translation>En consulta privada con %1; el cliente está en espera.</translation>
    </message>
    <message>
        <source>Everyone talks together: you, the customer and %1.</source>
        <translation>Todos hablan juntos: usted, el cliente y %1.</translation>
    </message>
    <message>
        <source>Handed over: you have left the call.</source>
        <translation>Transferida: usted ha salido de la llamada.</translation>
    </message>
    <message>
        <source>(Unconfirmed: the last answer was not clear.)</source>
        <translation>(Sin confirmar: la última respuesta no fue clara.)</translation>
    </message>
    <message>
        <source>Where the transfer stands</source>
        <translation>Estado de la transferencia</translation>
    </message>
    <message>
        <source>Time in the consult</source>
        <translation>Tiempo en consulta</translation>
    </message>
    <message>
        <source>Com&amp;plete transfer</source>
        <translation>Co&amp;mpletar transferencia</translation>
    </message>
    <message>
        <source>Leave the call so the customer stays with your colleague (API: hangup on your own leg).</source>
        <translation>Salir de la llamada para que el cliente se quede con su colega (API: hangup sobre usted mismo).</translation>
    </message>
    <message>
        <source>&amp;Join all</source>
        <translation>&amp;Unir a todos</translation>
    </message>
    <message>
        <source>Bring the customer into the conversation: all three talk (API: resume_call).</source>
        <translation>Incorporar al cliente a la conversación: hablan los tres (API: resume_call).</translation>
    </message>
    <message>
        <source>Cancel t&amp;ransfer</source>
        <translation>Canc&amp;elar transferencia</translation>
    </message>
    <message>
        <source>Drop your colleague and go back to the customer (API: abort_transfer on your own leg).</source>
        <translation>Desconectar a su colega y volver con el cliente (API: abort_transfer sobre usted mismo).</translation>
    </message>
    <message>
        <source>&amp;New call</source>
        <translation>&amp;Nueva llamada</translation>
    </message>
    <message>
        <source>Clear the desk for the next call. Sends nothing.</source>
        <translation>Dejar la consola lista para la siguiente llamada. No envía nada.</translation>
    </message>
    <message>
        <source>In the consult for %1</source>
        <translation>En consulta desde hace %1</translation>
    </message>
    <message>
        <source>PHLO Desk could not start because of an internal error. No call was touched.</source>
        <translation>PHLO Desk no pudo iniciarse por un error interno. No se modificó ninguna llamada.</translation>
    </message>
    <message>
        <source>PHLO Desk could not start</source>
        <translation>PHLO Desk no pudo iniciarse</translation>
    </message>
    <message>
        <source>Internal error in PHLO Desk. If you were sending an action, check the call before trying again.</source>
        <translation>Error interno en PHLO Desk. Si estaba enviando una acción, revise la llamada antes de volver a intentarlo.</translation>
    </message>
    <message>
        <source>Details are in %1.</source>
        <translation>Encontrará los detalles en %1.</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Información</translation>
    </message>
    <message>
        <source>What the last move came to</source>
        <translation>Resultado de la última acción</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Your number</source>
        <translation>Su número</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Time taken</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Every recorded action, newest on top. Ctrl+C copies the selected row.</source>
        <translation>Todas las acciones registradas, la más reciente arriba. Ctrl+C copia la fila seleccionada.</translation>
    </message>
    <message>
        <source>Number of actions shown</source>
        <translation>Número de acciones mostradas</translation>
    </message>
    <message>
        <source>History status</source>
        <translation>Estado del historial</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>From this day</source>
        <translation>Desde este día</translation>
    </message>
    <message>
        <source>Show only actions on or after this day.</source>
        <translation>Mostrar solo las acciones de este día en adelante.</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>To this day</source>
        <translation>Hasta este día</translation>
    </message>
    <message>
        <source>Show only actions on or before this day.</source>
        <translation>Mostrar solo las acciones hasta este día inclusive.</translation>
    </message>
    <message>
        <source>My entry</source>
        <translation>Mi entrada</translation>
    </message>
    <message>
        <source>Plivo endpoint</source>
        <translation>Endpoint de Plivo</translation>
    </message>
    <message>
        <source>available</source>
        <translation>disponible</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>Choose one of your own entries first.</source>
        <translation>Elija primero una de sus propias entradas.</translation>
    </message>
    <message>
        <source>Entries from IT&apos;s list are read-only here: ask IT to change the list.</source>
        <translation>Aquí las entradas de la lista de TI son de solo lectura: pida a TI que cambie la lista.</translation>
    </message>
    <message>
        <source>Plivo endpoints are read-only here: they are managed in the Plivo console.</source>
        <translation>Aquí los endpoints de Plivo son de solo lectura: se gestionan en la consola web de Plivo.</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Disponibilidad</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favorito</translation>
    </message>
    <message>
        <source>Will send</source>
        <translation>Se enviará</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notas: %1</translation>
    </message>
    <message>
        <source>A favourite: click to unstar (%1).</source>
        <translation>Favorito: haga clic para quitarlo de favoritos (%1).</translation>
    </message>
    <message>
        <source>Click to make it a favourite (%1).</source>
        <translation>Haga clic para marcarlo como favorito (%1).</translation>
    </message>
    <message>
        <source>Directory entries</source>
        <translation>Entradas del directorio</translation>
    </message>
    <message>
        <source>Number or SIP address</source>
        <translation>Número o dirección SIP</translation>
    </message>
    <message>
        <source>Show only actions whose target or your number contains this text. Numbers match by their digits: 415 222 finds +14152225555.</source>
        <translation>Mostrar solo las acciones cuyo destino o su número contengan este texto. Los números se comparan por sus dígitos: 415 222 encuentra +14152225555.</translation>
    </message>
    <message>
        <source>Address filter</source>
        <translation>Filtro de dirección</translation>
    </message>
    <message>
        <source>Add to the directory</source>
        <translation>Añadir al directorio</translation>
    </message>
    <message>
        <source>Edit directory entry</source>
        <translation>Editar entrada del directorio</translation>
    </message>
    <message>
        <source>Why the entry was not saved</source>
        <translation>Por qué no se guardó la entrada</translation>
    </message>
    <message>
        <source>Alice Chen, or Billing team</source>
        <translation>Alice Chen, o equipo de Facturación</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>For example: mornings only</source>
        <translation>Por ejemplo: solo por las mañanas</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Dire&amp;cción:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otas:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close without saving (Esc).</source>
        <translation>Cerrar sin guardar (Esc).</translation>
    </message>
    <message>
        <source>Save the entry.</source>
        <translation>Guardar la entrada.</translation>
    </message>
    <message>
        <source>Enter a name and a valid address first.</source>
        <translation>Escriba primero un nombre y una dirección válida.</translation>
    </message>
    <message>
        <source>Show only actions with this outcome.</source>
        <translation>Mostrar solo las acciones con este resultado.</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Cualquier resultado</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>&amp;Resultado:</translation>
    </message>
    <message>
        <source>&amp;Export to CSV...</source>
        <translation>&amp;Exportar a CSV...</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Exportar a CSV</translation>
    </message>
    <message>
        <source>Save every action the filter shows (not only those on screen) to a CSV file, for a spreadsheet or a ticket.</source>
        <translation>Guardar en un archivo CSV todas las acciones que muestra el filtro (no solo las de la pantalla), para una hoja de cálculo o un ticket.</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>Directorio</translation>
    </message>
    <message>
        <source>Number of entries shown</source>
        <translation>Número de entradas mostradas</translation>
    </message>
    <message>
        <source>Directory problem</source>
        <translation>Problema del directorio</translation>
    </message>
    <message>
        <source>Directory sources</source>
        <translation>Orígenes del directorio</translation>
    </message>
    <message>
        <source>Show every line about the sources</source>
        <translation>Mostrar todas las líneas sobre los orígenes</translation>
    </message>
    <message>
        <source>Search the directory</source>
        <translation>Buscar en el directorio</translation>
    </message>
    <message>
        <source>Name, team, initials or number</source>
        <translation>Nombre, equipo, iniciales o número</translation>
    </message>
    <message>
        <source>Finds names and teams by their first letters (&quot;ali che&quot;, &quot;bil&quot;) or initials, and numbers in any format. Down goes to the list, Return uses the entry chosen.</source>
        <translation>Encuentra nombres y equipos por sus primeras letras (&quot;ali che&quot;, &quot;fac&quot;) o por sus iniciales, y números en cualquier formato. La flecha abajo pasa a la lista; Return usa la entrada elegida.</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Team filter</source>
        <translation>Filtro de equipo</translation>
    </message>
    <message>
        <source>Show only this team&apos;s entries.</source>
        <translation>Mostrar solo las entradas de este equipo.</translation>
    </message>
    <message>
        <source>Source filter</source>
        <translation>Filtro de origen</translation>
    </message>
    <message>
        <source>Show only the entries from one source.</source>
        <translation>Mostrar solo las entradas de un origen.</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Todos los orígenes</translation>
    </message>
    <message>
        <source>IT&apos;s list</source>
        <translation>Lista de TI</translation>
    </message>
    <message>
        <source>My entries</source>
        <translation>Mis entradas</translation>
    </message>
    <message>
        <source>Plivo endpoints</source>
        <translation>Endpoints de Plivo</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>E&amp;quipo:</translation>
    </message>
    <message>
        <source>S&amp;ource:</source>
        <translation>&amp;Origen:</translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation>&amp;Usar</translation>
    </message>
    <message>
        <source>Put this entry&apos;s address in the To field and close the directory.</source>
        <translation>Poner la dirección de esta entrada en el campo Para y cerrar el directorio.</translation>
    </message>
    <message>
        <source>&amp;Favourite</source>
        <translation>&amp;Favorito</translation>
    </message>
    <message>
        <source>Star or unstar the entry: favourites come first (Space in the list).</source>
        <translation>Marcar o desmarcar la entrada como favorito: los favoritos aparecen primero (Espacio en la lista).</translation>
    </message>
    <message>
        <source>&amp;Add...</source>
        <translation>&amp;Añadir...</translation>
    </message>
    <message>
        <source>Add an entry of your own to the directory.</source>
        <translation>Añadir una entrada propia al directorio.</translation>
    </message>
    <message>
        <source>&amp;Edit...</source>
        <translation>&amp;Editar...</translation>
    </message>
    <message>
        <source>&amp;Remove...</source>
        <translation>E&amp;liminar...</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the directory (Esc).</source>
        <translation>Cerrar el directorio (Esc).</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Todos los equipos</translation>
    </message>
    <message>
        <source>No entries yet: add your own, or ask IT for a list.</source>
        <translation>Aún no hay entradas: añada las suyas o pida una lista a TI.</translation>
    </message>
    <message>
        <source>Nothing matches: change the search or the filters.</source>
        <translation>No hay coincidencias: cambie la búsqueda o los filtros.</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 entrada</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 entradas</translation>
    </message>
    <message>
        <source>Show fewer lines</source>
        <translation>Mostrar menos líneas</translation>
    </message>
    <message>
        <source>Show all %1 lines</source>
        <translation>Mostrar las %1 líneas</translation>
    </message>
    <message>
        <source>Change this entry of yours.</source>
        <translation>Modificar esta entrada propia.</translation>
    </message>
    <message>
        <source>Remove this entry of yours (asks first).</source>
        <translation>Eliminar esta entrada propia (pregunta antes).</translation>
    </message>
    <message>
        <source>Remove directory entry</source>
        <translation>Eliminar entrada del directorio</translation>
    </message>
    <message>
        <source>Remove %1 (%2) from your own entries?</source>
        <translation>¿Eliminar %1 (%2) de sus propias entradas?</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Eliminar %1</translation>
    </message>
    <message>
        <source>Close the history (Esc).</source>
        <translation>Cerrar el historial (Esc).</translation>
    </message>
    <message>
        <source>1 action</source>
        <translation>1 acción</translation>
    </message>
    <message>
        <source>%1 actions</source>
        <translation>%1 acciones</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Exportar historial</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>Exportando...</translation>
    </message>
    <message>
        <source>Saved: %1.</source>
        <translation>Guardado: %1.</translation>
    </message>
    <message>
        <source>The export failed.</source>
        <translation>La exportación falló.</translation>
    </message>
    <message>
        <source>Put this leg on hold (API: hold)</source>
        <translation>Poner a este participante en espera (API: hold)</translation>
    </message>
    <message>
        <source>Take this leg off hold (API: unhold)</source>
        <translation>Sacar a este participante de la espera (API: unhold)</translation>
    </message>
    <message>
        <source>Disconnect this leg; asks first (API: hangup)</source>
        <translation>Desconectar a este participante; pregunta antes (API: hangup)</translation>
    </message>
    <message>
        <source>Leave the recorded voicemail and drop this leg (API: voicemail_drop)</source>
        <translation>Dejar el mensaje de voz grabado y desconectar a este participante (API: voicemail_drop)</translation>
    </message>
    <message>
        <source>number not known</source>
        <translation>número desconocido</translation>
    </message>
    <message>
        <source>(unconfirmed)</source>
        <translation>(sin confirmar)</translation>
    </message>
    <message>
        <source>Simulator: %1</source>
        <translation>Simulador: %1</translation>
    </message>
    <message>
        <source>not on the call</source>
        <translation>fuera de la llamada</translation>
    </message>
    <message>
        <source>This call</source>
        <translation>Esta llamada</translation>
    </message>
    <message>
        <source>Customer&apos;s number</source>
        <translation>Número del cliente</translation>
    </message>
    <message>
        <source>C&amp;ustomer&apos;s number (optional: enables actions on their leg)</source>
        <translation>Número del c&amp;liente (opcional: permite acciones sobre el cliente)</translation>
    </message>
    <message>
        <source>Paste the caller&apos;s number to hold, resume or hang up their leg.</source>
        <translation>Pegue el número del cliente para ponerlo en espera, reanudarlo o colgarlo.</translation>
    </message>
    <message>
        <source>Legs of the call</source>
        <translation>Participantes de la llamada</translation>
    </message>
    <message>
        <source>Only in the simulator: %1 (%2), %3</source>
        <translation>Solo en el simulador: %1 (%2), %3</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Plivo said: %1</source>
        <translation>Plivo indicó: %1</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Copiar fila</translation>
    </message>
    <message>
        <source>Copy api_id</source>
        <translation>Copiar api_id</translation>
    </message>
    <message>
        <source>Save to directory...</source>
        <translation>Guardar en el directorio...</translation>
    </message>
    <message>
        <source>Status log</source>
        <translation>Registro de estado</translation>
    </message>
    <message>
        <source>Every action and its result, newest on top. Ctrl+C copies the selected row.</source>
        <translation>Cada acción y su resultado, la más reciente arriba. Ctrl+C copia la fila seleccionada.</translation>
    </message>
    <message>
        <source>SANDBOX</source>
        <translation>SANDBOX (entorno de pruebas)</translation>
    </message>
    <message>
        <source>Copied: paste the lines into a terminal.</source>
        <translation>Copiado: pegue las líneas en una terminal.</translation>
    </message>
    <message>
        <source>D&amp;irectory...</source>
        <translation>D&amp;irectorio...</translation>
    </message>
    <message>
        <source>Colleagues and teams to transfer to: search, favourites, your own entries (Ctrl+D).</source>
        <translation>Colegas y equipos a los que transferir: búsqueda, favoritos, sus propias entradas (Ctrl+D).</translation>
    </message>
    <message>
        <source>&amp;History...</source>
        <translation>&amp;Historial...</translation>
    </message>
    <message>
        <source>Every action sent from this desk: filter, copy, export (Ctrl+H).</source>
        <translation>Todas las acciones enviadas desde esta consola: filtrar, copiar, exportar (Ctrl+H).</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>Con&amp;figuración...</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>In sandbox mode the settings point at the simulator.</source>
        <translation>En el modo de pruebas, la configuración apunta al simulador.</translation>
    </message>
    <message>
        <source>Plivo credentials, PHLO and node, your number (Alt+S).</source>
        <translation>Credenciales de Plivo, PHLO y nodo, su número (Alt+F).</translation>
    </message>
    <message>
        <source>Sending in progress</source>
        <translation>Envío en curso</translation>
    </message>
    <message>
        <source>What you can do now</source>
        <translation>Lo que puede hacer ahora</translation>
    </message>
    <message>
        <source>Connection to Plivo</source>
        <translation>Conexión con Plivo</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Aún sin comprobar</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>C&amp;onsola</translation>
    </message>
    <message>
        <source>&amp;Directory...</source>
        <translation>&amp;Directorio...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Not set up: open Settings</source>
        <translation>Sin configurar: abra Configuración</translation>
    </message>
    <message>
        <source>Checking connection...</source>
        <translation>Comprobando la conexión...</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>The action went through, but the history could not be written: %1</source>
        <translation>La acción se realizó, pero no se pudo escribir el historial: %1</translation>
    </message>
    <message>
        <source>Sending %1 to %2... %3 s</source>
        <translation>Enviando %1 a %2... %3 s</translation>
    </message>
    <message>
        <source>Connected (%1 ms)</source>
        <translation>Conectado (%1 ms)</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>Error interno</translation>
    </message>
    <message>
        <source>Still sending</source>
        <translation>Aún se está enviando</translation>
    </message>
    <message>
        <source>An action is still waiting for Plivo&apos;s answer. If you quit now you will not see whether it happened.</source>
        <translation>Una acción aún espera la respuesta de Plivo. Si sale ahora, no sabrá si se realizó.</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Salir de todos modos</translation>
    </message>
    <message>
        <source>Keep the desk open</source>
        <translation>Mantener la consola abierta</translation>
    </message>
    <message>
        <source>Sandbox mode</source>
        <translation>Modo de pruebas</translation>
    </message>
    <message>
        <source>SANDBOX: no real calls are placed. Everything here is simulated.</source>
        <translation>SANDBOX (entorno de pruebas): no se hacen llamadas reales. Todo aquí es simulado.</translation>
    </message>
    <message>
        <source>Starting the simulator...</source>
        <translation>Iniciando el simulador...</translation>
    </message>
    <message>
        <source>Simulator address</source>
        <translation>Dirección del simulador</translation>
    </message>
    <message>
        <source>Copy CLI settings</source>
        <translation>Copiar configuración CLI</translation>
    </message>
    <message>
        <source>Copies shell lines that point phlo-desk-cli at this simulator.</source>
        <translation>Copia las líneas de shell que dirigen phlo-desk-cli a este simulador.</translation>
    </message>
    <message>
        <source>Reset simulated call</source>
        <translation>Reiniciar llamada simulada</translation>
    </message>
    <message>
        <source>Start the simulated call again (you and one customer, connected) and clear the desk&apos;s picture to match.</source>
        <translation>Reiniciar la llamada simulada (usted y un cliente, conectados) y limpiar la consola para que coincida.</translation>
    </message>
    <message>
        <source>Simulator at %1</source>
        <translation>Simulador en %1</translation>
    </message>
    <message>
        <source>API base URL</source>
        <translation>URL base de la API</translation>
    </message>
    <message>
        <source>Auth ID</source>
        <translation>Auth ID</translation>
    </message>
    <message>
        <source>PHLO ID</source>
        <translation>ID de PHLO</translation>
    </message>
    <message>
        <source>Node ID</source>
        <translation>ID de nodo</translation>
    </message>
    <message>
        <source>Your number (trigger source)</source>
        <translation>Su número (origen del disparador)</translation>
    </message>
    <message>
        <source>Default region</source>
        <translation>Región predeterminada</translation>
    </message>
    <message>
        <source>Tray icon</source>
        <translation>Icono en la bandeja</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Transfer directory</source>
        <translation>Directorio de transferencias</translation>
    </message>
    <message>
        <source>Plivo SIP endpoints</source>
        <translation>Endpoints SIP de Plivo</translation>
    </message>
    <message>
        <source>PHLO Desk settings</source>
        <translation>Configuración de PHLO Desk</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Probar conexión</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Checks the credentials and ids with Plivo; touches no call. (Alt+T)</source>
        <translation>Comprueba las credenciales y los ID con Plivo; no toca ninguna llamada. (Alt+P)</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Resultado de la prueba de conexión</translation>
    </message>
    <message>
        <source>Set by your IT department (read-only): %1.</source>
        <translation>Definido por su departamento de TI (solo lectura): %1.</translation>
    </message>
    <message>
        <source>The API base URL in use is hidden because it contains a user or password: enter it again without them.</source>
        <translation>La URL base de la API en uso está oculta porque contiene un usuario o una contraseña: escríbala de nuevo sin ellos.</translation>
    </message>
    <message>
        <source>Hidden: it contains a user or password</source>
        <translation>Oculta: contiene un usuario o una contraseña</translation>
    </message>
    <message>
        <source>Auth Token</source>
        <translation>Auth Token</translation>
    </message>
    <message>
        <source>Write-only: stored in the system keyring, never shown back.</source>
        <translation>Solo escritura: se guarda en el llavero del sistema y nunca se vuelve a mostrar.</translation>
    </message>
    <message>
        <source>Checking the keyring...</source>
        <translation>Comprobando el llavero del sistema...</translation>
    </message>
    <message>
        <source>Where the Auth Token is kept</source>
        <translation>Dónde se guarda el Auth Token</translation>
    </message>
    <message>
        <source>A CSV or JSON file, or an https address</source>
        <translation>Un archivo CSV o JSON, o una dirección https</translation>
    </message>
    <message>
        <source>IT&apos;s list of colleagues and teams, searched in To. Read at start and every 15 minutes; a copy is kept for when it cannot be reached.</source>
        <translation>La lista de colegas y equipos de TI, en la que busca el campo Para. Se lee al iniciar y cada 15 minutos; se guarda una copia para cuando no se puede acceder a ella.</translation>
    </message>
    <message>
        <source>Show an icon in the system tray</source>
        <translation>Mostrar un icono en la bandeja del sistema</translation>
    </message>
    <message>
        <source>Notify me of answers while I work in another window</source>
        <translation>Avisarme de las respuestas mientras trabajo en otra ventana</translation>
    </message>
    <message>
        <source>Add the Plivo account&apos;s SIP endpoints to the directory, with whether each is signed in</source>
        <translation>Añadir al directorio los endpoints SIP de la cuenta de Plivo, indicando si cada uno tiene la sesión iniciada</translation>
    </message>
    <message>
        <source>This desktop has no system tray: the icon shows on desktops that have one.</source>
        <translation>Este escritorio no tiene bandeja del sistema: el icono aparece en los escritorios que la tienen.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Según el sistema</translation>
    </message>
    <message>
        <source>PHLO Desk uses it from its next start.</source>
        <translation>PHLO Desk lo usará a partir del próximo inicio.</translation>
    </message>
    <message>
        <source>(hidden: it contains a user or password)</source>
        <translation>(oculta: contiene un usuario o una contraseña)</translation>
    </message>
    <message>
        <source>The default region is a two-letter country code, such as US or GB.</source>
        <translation>La región predeterminada es un código de país de dos letras, como US o GB.</translation>
    </message>
    <message>
        <source>The tray icon setting is on or off.</source>
        <translation>La opción del icono en la bandeja solo puede estar activada o desactivada.</translation>
    </message>
    <message>
        <source>The notifications setting is on or off.</source>
        <translation>La opción de notificaciones solo puede estar activada o desactivada.</translation>
    </message>
    <message>
        <source>The Plivo endpoints setting is on or off.</source>
        <translation>La opción de los endpoints de Plivo solo puede estar activada o desactivada.</translation>
    </message>
    <message>
        <source>The directory is a file path or an https address (plain http only to this computer).</source>
        <translation>El directorio es una ruta de archivo o una dirección https (http sin cifrar solo hacia este equipo).</translation>
    </message>
    <message>
        <source>The language is a code such as es or pt_BR, or empty to follow the system.</source>
        <translation>El idioma es un código como es o pt_BR, o vacío para usar el del sistema.</translation>
    </message>
    <message>
        <source>The PHLO ID has only letters, digits and dashes.</source>
        <translation>El ID de PHLO solo contiene letras, dígitos y guiones.</translation>
    </message>
    <message>
        <source>The node ID has only letters, digits and dashes.</source>
        <translation>El ID de nodo solo contiene letras, dígitos y guiones.</translation>
    </message>
    <message>
        <source>The Auth ID is 20 characters and starts with MA or SA.</source>
        <translation>El Auth ID tiene 20 caracteres y empieza por MA o SA.</translation>
    </message>
    <message>
        <source>The settings are not valid: nothing was sent.</source>
        <translation>La configuración no es válida: no se envió nada.</translation>
    </message>
    <message>
        <source>Set by your IT department: it cannot be changed here.</source>
        <translation>Definido por su departamento de TI: no se puede cambiar aquí.</translation>
    </message>
    <message>
        <source>The settings are not valid: nothing was saved.</source>
        <translation>La configuración no es válida: no se guardó nada.</translation>
    </message>
    <message>
        <source>The API base URL must not contain a user or password: enter the Auth ID and Auth Token in their own fields.</source>
        <translation>La URL base de la API no debe contener un usuario ni una contraseña: escriba el Auth ID y el Auth Token en sus propios campos.</translation>
    </message>
    <message>
        <source>The API base URL must look like https://phlorunner.plivo.com.</source>
        <translation>La URL base de la API debe tener la forma https://phlorunner.plivo.com.</translation>
    </message>
    <message>
        <source>The API base URL must use https (plain http only to this computer).</source>
        <translation>La URL base de la API debe usar https (http sin cifrar solo hacia este equipo).</translation>
    </message>
    <message>
        <source>the defaults</source>
        <translation>los valores predeterminados</translation>
    </message>
    <message>
        <source>the system-wide settings and the defaults</source>
        <translation>la configuración del sistema y los valores predeterminados</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <translation>no es texto UTF-8</translation>
    </message>
    <message>
        <source>The directory list could not be read: {why}.</source>
        <translation>No se pudo leer la lista del directorio: {why}.</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>está vacía</translation>
    </message>
    <message>
        <source>it is not UTF-8 text (in Excel, save it as CSV UTF-8)</source>
        <translation>no es texto UTF-8 (en Excel, guárdela como CSV UTF-8)</translation>
    </message>
    <message>
        <source>its first line is not a header row</source>
        <translation>su primera línea no es una fila de encabezado</translation>
    </message>
    <message>
        <source>Line {line}</source>
        <translation>Línea {line}</translation>
    </message>
    <message>
        <source>a quoted field is not closed; the rest of the file was not read</source>
        <translation>un campo entre comillas no está cerrado; no se leyó el resto del archivo</translation>
    </message>
    <message>
        <source>Lines {first}-{last}</source>
        <translation>Líneas {first}-{last}</translation>
    </message>
    <message>
        <source>it has no header row</source>
        <translation>no tiene fila de encabezado</translation>
    </message>
    <message>
        <source>its header row has no “{column}” column</source>
        <translation>su fila de encabezado no tiene la columna “{column}”</translation>
    </message>
    <message>
        <source>it is not valid JSON</source>
        <translation>no es JSON válido</translation>
    </message>
    <message>
        <source>it is not a JSON list of entries</source>
        <translation>no es una lista JSON de entradas</translation>
    </message>
    <message>
        <source>Item {number}</source>
        <translation>Elemento {number}</translation>
    </message>
    <message>
        <source>it is not an object with a name and an address</source>
        <translation>no es un objeto con un nombre y una dirección</translation>
    </message>
    <message>
        <source>Only the first {count} entries are used.</source>
        <translation>Solo se usan las primeras {count} entradas.</translation>
    </message>
    <message>
        <source>the same name and address as an earlier row ({other})</source>
        <translation>el mismo nombre y la misma dirección que una fila anterior ({other})</translation>
    </message>
    <message>
        <source>More rows were skipped: {count}.</source>
        <translation>Se omitieron más filas: {count}.</translation>
    </message>
    <message>
        <source>{where}: the address is not usable. {reason}</source>
        <translation>{where}: la dirección no se puede usar. {reason}</translation>
    </message>
    <message>
        <source>{where}: {why}.</source>
        <translation>{where}: {why}.</translation>
    </message>
    <message>
        <source>the name is missing</source>
        <translation>falta el nombre</translation>
    </message>
    <message>
        <source>the address is missing</source>
        <translation>falta la dirección</translation>
    </message>
    <message>
        <source>the address is not usable</source>
        <translation>la dirección no se puede usar</translation>
    </message>
    <message>
        <source>“{column}” is not text</source>
        <translation>“{column}” no es texto</translation>
    </message>
    <message>
        <source>The directory URL must not contain a user or password.</source>
        <translation>La URL del directorio no debe contener un usuario ni una contraseña.</translation>
    </message>
    <message>
        <source>The directory URL is not valid: it must look like https://intranet.example/directory.csv.</source>
        <translation>La URL del directorio no es válida: debe tener la forma https://intranet.example/directory.csv.</translation>
    </message>
    <message>
        <source>The directory URL must use https (plain http only to this computer).</source>
        <translation>La URL del directorio debe usar https (http sin cifrar solo hacia este equipo).</translation>
    </message>
    <message>
        <source>the server said the list is unchanged, but no copy is saved</source>
        <translation>el servidor indicó que la lista no ha cambiado, pero no hay ninguna copia guardada</translation>
    </message>
    <message>
        <source>The directory list could not be refreshed ({why}): showing the copy from {when}.</source>
        <translation>No se pudo actualizar la lista del directorio ({why}): se muestra la copia del {when}.</translation>
    </message>
    <message>
        <source>the server sends it from another address ({status}): put that address in the directory setting</source>
        <translation>el servidor la envía desde otra dirección ({status}): ponga esa dirección en la opción del directorio</translation>
    </message>
    <message>
        <source>the server answered {status}</source>
        <translation>el servidor respondió {status}</translation>
    </message>
    <message>
        <source>it is larger than {limit}</source>
        <translation>ocupa más de {limit}</translation>
    </message>
    <message>
        <source>the file {path} does not exist</source>
        <translation>el archivo {path} no existe</translation>
    </message>
    <message>
        <source>the file {path} could not be opened ({why})</source>
        <translation>no se pudo abrir el archivo {path} ({why})</translation>
    </message>
    <message>
        <source>This directory entry no longer exists.</source>
        <translation>Esta entrada del directorio ya no existe.</translation>
    </message>
    <message>
        <source>Enter a name for the directory entry.</source>
        <translation>Escriba un nombre para la entrada del directorio.</translation>
    </message>
    <message>
        <source>Your own directory entries could not be read from {path} ({why}).</source>
        <translation>No se pudieron leer sus propias entradas del directorio desde {path} ({why}).</translation>
    </message>
    <message>
        <source>Your own directory entries file {path} is damaged and could not be set aside ({why}).</source>
        <translation>El archivo {path} de sus propias entradas del directorio está dañado y no se pudo apartar ({why}).</translation>
    </message>
    <message>
        <source>Your own directory entries file was damaged: it was kept as {aside}, and {count} entries were recovered from it.</source>
        <translation>El archivo de sus propias entradas del directorio estaba dañado: se conservó como {aside} y se recuperaron {count} entradas de él.</translation>
    </message>
    <message>
        <source>The settings file {path} could not be read ({why}) and was ignored: {fallback} are used instead.</source>
        <translation>No se pudo leer el archivo de configuración {path} ({why}) y se ignoró: en su lugar se usan {fallback}.</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>error desconocido</translation>
    </message>
    <message>
        <source>it holds no settings object</source>
        <translation>no contiene un objeto de configuración</translation>
    </message>
    <message>
        <source>The settings file {path} is damaged: &quot;{name}&quot; is not text and was ignored; {fallback} are used for it instead.</source>
        <translation>El archivo de configuración {path} está dañado: &quot;{name}&quot; no es texto y se ignoró; para esa opción se usan {fallback}.</translation>
    </message>
    <message>
        <source>The settings file {path} is damaged: &quot;locked&quot; must list setting names ({names}); what it names correctly is still locked.</source>
        <translation>El archivo de configuración {path} está dañado: &quot;locked&quot; debe enumerar nombres de opciones ({names}); las que nombra correctamente siguen bloqueadas.</translation>
    </message>
    <message>
        <source>The settings file {path} is damaged ({why}) and was ignored: {fallback} are used instead.</source>
        <translation>El archivo de configuración {path} está dañado ({why}) y se ignoró: en su lugar se usan {fallback}.</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>las variables de entorno</translation>
    </message>
    <message>
        <source>command line</source>
        <translation>la línea de comandos</translation>
    </message>
    <message>
        <source>Set by the %1: that value wins over what is saved here.</source>
        <translation>Definido por %1: ese valor prevalece sobre lo guardado aquí.</translation>
    </message>
    <message>
        <source>Your number: %1</source>
        <translation>Su número: %1</translation>
    </message>
    <message>
        <source>Testing the connection...</source>
        <translation>Probando la conexión...</translation>
    </message>
    <message>
        <source>No system keyring is available (%1): the Auth Token cannot be saved. Install and unlock GNOME Keyring or KWallet, or set PLIVO_AUTH_TOKEN.</source>
        <translation>No hay ningún llavero del sistema disponible (%1): no se puede guardar el Auth Token. Instale y desbloquee GNOME Keyring o KWallet, o defina PLIVO_AUTH_TOKEN.</translation>
    </message>
    <message>
        <source>An Auth Token is stored in %1. Type a new one to replace it.</source>
        <translation>Hay un Auth Token guardado en %1. Escriba uno nuevo para reemplazarlo.</translation>
    </message>
    <message>
        <source>No Auth Token stored yet; it will be kept in %1.</source>
        <translation>Aún no hay ningún Auth Token guardado; se guardará en %1.</translation>
    </message>
    <message>
        <source>Saving the Auth Token in the keyring...</source>
        <translation>Guardando el Auth Token en el llavero del sistema...</translation>
    </message>
    <message>
        <source>The settings could not be saved in %1 (%2). Ask IT to check that the folder can be written.</source>
        <translation>No se pudo guardar la configuración en %1 (%2). Pida a TI que compruebe que se puede escribir en la carpeta.</translation>
    </message>
    <message>
        <source>This link is not a phone number or SIP address PHLO Desk can use:
{link}

{reason}

Nothing was put in To.</source>
        <translation>Este enlace no es un número de teléfono ni una dirección SIP que PHLO Desk pueda usar:
{link}

{reason}

No se puso nada en Para.</translation>
    </message>
    <message>
        <source>Link not used: {link}: {reason}</source>
        <translation>Enlace no usado: {link}: {reason}</translation>
    </message>
    <message>
        <source>From a link: {link} goes into To once the move being sent is answered.</source>
        <translation>Desde un enlace: {link} pasará a Para cuando llegue la respuesta de la acción en curso.</translation>
    </message>
    <message>
        <source>From a link: {link} goes into To once the open dialog is closed.</source>
        <translation>Desde un enlace: {link} pasará a Para cuando se cierre el diálogo abierto.</translation>
    </message>
    <message>
        <source>From a link: {link} is in To, in place of {before} (Ctrl+Z in To brings it back). Nothing was sent.</source>
        <translation>Desde un enlace: {link} está en Para, en lugar de {before} (Ctrl+Z en Para lo recupera). No se envió nada.</translation>
    </message>
    <message>
        <source>From a link: {link} is in To. Nothing was sent.</source>
        <translation>Desde un enlace: {link} está en Para. No se envió nada.</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transferencia</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>Transferir a</translation>
    </message>
    <message>
        <source>Who to transfer the caller to: a phone number in any common format, or sip:user@host. Ctrl+Return sends a warm transfer.</source>
        <translation>A quién transferir al cliente: un número de teléfono en cualquier formato habitual, o sip:user@host. Ctrl+Return envía una transferencia asistida.</translation>
    </message>
    <message>
        <source>Your own number or SIP address on this call (the trigger source).</source>
        <translation>Su propio número o dirección SIP en esta llamada (el origen del disparador).</translation>
    </message>
    <message>
        <source>Role of the person added</source>
        <translation>Rol de la persona añadida</translation>
    </message>
    <message>
        <source>The role the person you transfer to takes in the call.</source>
        <translation>El rol que tiene en la llamada la persona a la que transfiere.</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Para:</translation>
    </message>
    <message>
        <source>&amp;Your number:</source>
        <translation>&amp;Su número:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
    <message>
        <source>&amp;Warm transfer</source>
        <translation>&amp;Transferencia asistida</translation>
    </message>
    <message>
        <source>Talk privately to the target first, then hand over the caller.</source>
        <translation>Hablar primero en privado con el destino y luego traspasarle la llamada.</translation>
    </message>
    <message>
        <source>&amp;Cold transfer...</source>
        <translation>Transferen&amp;cia directa...</translation>
    </message>
    <message>
        <source>Connect the caller straight to the target; you leave the call. Asks first. (Alt+C)</source>
        <translation>Conectar al cliente directamente con el destino; usted sale de la llamada. Pregunta antes. (Alt+C)</translation>
    </message>
    <message>
        <source>&amp;Add to call</source>
        <translation>&amp;Añadir a la llamada</translation>
    </message>
    <message>
        <source>Dial the target and add them to the call (Alt+A).</source>
        <translation>Marcar al destino y añadirlo a la llamada (Alt+A).</translation>
    </message>
    <message>
        <source>In the consult since %1.</source>
        <translation>En consulta desde las %1.</translation>
    </message>
    <message>
        <source>Show PHLO Desk</source>
        <translation>Mostrar PHLO Desk</translation>
    </message>
    <message>
        <source>&amp;One column</source>
        <translation>&amp;Una columna</translation>
    </message>
    <message>
        <source>Keep one column even when the window is wide.</source>
        <translation>Mantener una sola columna aunque la ventana sea ancha.</translation>
    </message>
    <message>
        <source>Always on &amp;top</source>
        <translation>Siempre en primer &amp;plano</translation>
    </message>
    <message>
        <source>&amp;Colours</source>
        <translation>&amp;Colores</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Según el &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptado</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>No enviado</translation>
    </message>
    <message>
        <source>Auth failed</source>
        <translation>Error de autenticación</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>No encontrado</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Límite de solicitudes</translation>
    </message>
    <message>
        <source>Plivo error</source>
        <translation>Error de Plivo</translation>
    </message>
    <message>
        <source>Not sent: network</source>
        <translation>No enviado: red</translation>
    </message>
    <message>
        <source>UNKNOWN: check call</source>
        <translation>DESCONOCIDO: revise la llamada</translation>
    </message>
    <message>
        <source>Connection check</source>
        <translation>Comprobación de conexión</translation>
    </message>
    <message>
        <source>The phone-context of this tel: link is not a country code: use + and the country code.</source>
        <translation>El phone-context de este enlace tel: no es un código de país: use + y el código de país.</translation>
    </message>
    <message>
        <source>This tel: number works only inside its own network: use the full number with + and the country code.</source>
        <translation>Este número tel: solo funciona dentro de su propia red: use el número completo con + y el código de país.</translation>
    </message>
    <message>
        <source>Extensions cannot be dialled: remove ;ext= from the tel: link.</source>
        <translation>No se pueden marcar extensiones: quite ;ext= del enlace tel:.</translation>
    </message>
    <message>
        <source>Sub-addresses cannot be dialled: remove ;isub= from the tel: link.</source>
        <translation>No se pueden marcar subdirecciones: quite ;isub= del enlace tel:.</translation>
    </message>
    <message>
        <source>Post-dial digits cannot be sent with a transfer: remove ;postd= from the tel: link.</source>
        <translation>Los dígitos posteriores a la marcación no se pueden enviar con una transferencia: quite ;postd= del enlace tel:.</translation>
    </message>
    <message>
        <source>Enter a phone number or SIP address.</source>
        <translation>Escriba un número de teléfono o una dirección SIP.</translation>
    </message>
    <message>
        <source>Use a sip: address; sips: is not supported.</source>
        <translation>Use una dirección sip:; sips: no es compatible.</translation>
    </message>
    <message>
        <source>Hidden character {name}: type the entry instead of pasting it.</source>
        <translation>Carácter oculto {name}: escriba la entrada en lugar de pegarla.</translation>
    </message>
    <message>
        <source>A SIP address looks like sip:user@host.</source>
        <translation>Una dirección SIP tiene la forma sip:user@host.</translation>
    </message>
    <message>
        <source>This is not a well-formed tel: link: check what follows the number.</source>
        <translation>Este enlace tel: no está bien formado: revise lo que sigue al número.</translation>
    </message>
    <message>
        <source>This tel: link repeats ;{name}: keep only one.</source>
        <translation>Este enlace tel: repite ;{name}: deje solo uno.</translation>
    </message>
    <message>
        <source>This tel: link has ;{name}, which cannot go with a transfer: remove it.</source>
        <translation>Este enlace tel: tiene ;{name}, que no es compatible con una transferencia: quítelo.</translation>
    </message>
    <message>
        <source>Extensions cannot be dialled: remove the extension.</source>
        <translation>No se pueden marcar extensiones: quite la extensión.</translation>
    </message>
    <message>
        <source>A phone number has only digits, spaces and + - ( ) . /</source>
        <translation>Un número de teléfono solo tiene dígitos, espacios y + - ( ) . /</translation>
    </message>
    <message>
        <source>A + may only stand at the start of a phone number.</source>
        <translation>El signo + solo puede ir al principio de un número de teléfono.</translation>
    </message>
    <message>
        <source>Not a valid {region} number. As a {other} number it is {shown}: type it with +{code} if that is meant.</source>
        <translation>No es un número válido de {region}. Como número de {other} es {shown}: escríbalo con +{code} si se refiere a ese.</translation>
    </message>
    <message>
        <source>{count} more</source>
        <translation>{count} más</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} y {last}</translation>
    </message>
    <message>
        <source>Not a valid {region} number. Valid in {listed}: type it with the country code that is meant.</source>
        <translation>No es un número válido de {region}. Es válido en {listed}: escríbalo con el código de país que corresponda.</translation>
    </message>
    <message>
        <source>This is not a phone number or SIP address.</source>
        <translation>Esto no es un número de teléfono ni una dirección SIP.</translation>
    </message>
    <message>
        <source>Too few digits for a phone number.</source>
        <translation>Faltan dígitos para un número de teléfono.</translation>
    </message>
    <message>
        <source>Too many digits for a phone number.</source>
        <translation>Sobran dígitos para un número de teléfono.</translation>
    </message>
    <message>
        <source>Wrong number of digits for this country.</source>
        <translation>Número de dígitos incorrecto para este país.</translation>
    </message>
    <message>
        <source>This is not a valid phone number: check the digits and the country code.</source>
        <translation>No es un número de teléfono válido: revise los dígitos y el código de país.</translation>
    </message>
    <message>
        <source>Unknown country code: start with + and the country code.</source>
        <translation>Código de país desconocido: empiece por + y el código de país.</translation>
    </message>
    <message>
        <source>Plivo answered with both success and an error: the action may have happened. Check the call before trying again.</source>
        <translation>Plivo respondió con éxito y con un error a la vez: puede que la acción se haya realizado. Revise la llamada antes de volver a intentarlo.</translation>
    </message>
    <message>
        <source>Plivo&apos;s answer could not be read: the action may have happened. Check the call before trying again.</source>
        <translation>No se pudo leer la respuesta de Plivo: puede que la acción se haya realizado. Revise la llamada antes de volver a intentarlo.</translation>
    </message>
    <message>
        <source>Accepted by Plivo.</source>
        <translation>Aceptado por Plivo.</translation>
    </message>
    <message>
        <source>Connected: Plivo accepted the credentials and ids.</source>
        <translation>Conectado: Plivo aceptó las credenciales y los ID.</translation>
    </message>
    <message>
        <source>HTTP {status} redirect to {location}</source>
        <translation>HTTP {status}: redirección a {location}</translation>
    </message>
    <message>
        <source>HTTP {status} redirect</source>
        <translation>HTTP {status}: redirección</translation>
    </message>
    <message>
        <source>The API base URL answered with a redirect: check it in Settings.</source>
        <translation>La URL base de la API respondió con una redirección: revísela en Configuración.</translation>
    </message>
    <message>
        <source>{detail} (retry after {after})</source>
        <translation>{detail} (reintentar tras {after})</translation>
    </message>
    <message>
        <source>(retry after {after})</source>
        <translation>(reintentar tras {after})</translation>
    </message>
    <message>
        <source>HTTP {status}</source>
        <translation>HTTP {status}</translation>
    </message>
    <message>
        <source>The Auth Token has characters a Plivo token never has: enter it again in Settings. Nothing was sent.</source>
        <translation>El Auth Token tiene caracteres que un token de Plivo nunca tiene: escríbalo de nuevo en Configuración. No se envió nada.</translation>
    </message>
    <message>
        <source>HTTP {status}: the answer was longer than {limit} and was not read</source>
        <translation>HTTP {status}: la respuesta superaba {limit} y no se leyó</translation>
    </message>
    <message>
        <source>unknown type</source>
        <translation>tipo desconocido</translation>
    </message>
    <message>
        <source>HTTP {status}, not JSON ({type}): {excerpt}</source>
        <translation>HTTP {status}, no es JSON ({type}): {excerpt}</translation>
    </message>
    <message>
        <source>an Auth ID is needed to store its token</source>
        <translation>se necesita un Auth ID para guardar su token</translation>
    </message>
    <message>
        <source>no Auth Token stored for this Auth ID</source>
        <translation>no hay ningún Auth Token guardado para este Auth ID</translation>
    </message>
    <message>
        <source>No Auth Token is stored for this Auth ID: enter it in Settings (or run phlo-desk-cli login). Nothing was sent.</source>
        <translation>No hay ningún Auth Token guardado para este Auth ID: escríbalo en Configuración (o ejecute phlo-desk-cli login). No se envió nada.</translation>
    </message>
    <message>
        <source>no keyring backend found</source>
        <translation>no se encontró ningún llavero del sistema</translation>
    </message>
    <message>
        <source>{kind} stores secrets unencrypted and is refused</source>
        <translation>{kind} guarda los secretos sin cifrar y se rechaza</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Algo salió mal.</translation>
    </message>
    <message>
        <source>Check the input: nothing was sent.</source>
        <translation>Revise los datos introducidos: no se envió nada.</translation>
    </message>
    <message>
        <source>PHLO Desk is not set up yet: fill in the settings. Nothing was sent.</source>
        <translation>PHLO Desk aún no está configurado: complete la configuración. No se envió nada.</translation>
    </message>
    <message>
        <source>No system keyring is available to hold the Auth Token. Install and unlock one (for example GNOME Keyring or KWallet), or set PLIVO_AUTH_TOKEN. Nothing was sent.</source>
        <translation>No hay ningún llavero del sistema disponible para guardar el Auth Token. Instale y desbloquee uno (por ejemplo GNOME Keyring o KWallet), o defina PLIVO_AUTH_TOKEN. No se envió nada.</translation>
    </message>
    <message>
        <source>Plivo rejected the Auth ID / Auth Token: check them in Settings.</source>
        <translation>Plivo rechazó el Auth ID / Auth Token: revíselos en Configuración.</translation>
    </message>
    <message>
        <source>Plivo refused access: PHLO may not be enabled or the account not verified. Ask your Plivo account admin.</source>
        <translation>Plivo denegó el acceso: puede que PHLO no esté habilitado o que la cuenta no esté verificada. Consulte al administrador de su cuenta de Plivo.</translation>
    </message>
    <message>
        <source>Plivo does not know this PHLO or node, or the PHLO is not deployed: check the PHLO ID and node ID in Settings.</source>
        <translation>Plivo no conoce este PHLO o nodo, o el PHLO no está desplegado: revise el ID de PHLO y el ID de nodo en Configuración.</translation>
    </message>
    <message>
        <source>Plivo refused this action. Nothing changed on the call; read the reason and correct it.</source>
        <translation>Plivo rechazó esta acción. No cambió nada en la llamada; lea el motivo y corríjalo.</translation>
    </message>
    <message>
        <source>Plivo is rate limiting this account: wait a few seconds, then try again.</source>
        <translation>Plivo está limitando las solicitudes de esta cuenta: espere unos segundos y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Plivo had a server error. Check the call, then try again in a few seconds.</source>
        <translation>Plivo tuvo un error del servidor. Revise la llamada y vuelva a intentarlo en unos segundos.</translation>
    </message>
    <message>
        <source>Could not reach Plivo: nothing was sent. Check the network connection, then try again.</source>
        <translation>No se pudo contactar con Plivo: no se envió nada. Revise la conexión de red y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>No answer from Plivo: the transfer may have happened. Check the call before trying again.</source>
        <translation>Plivo no respondió: puede que la transferencia se haya realizado. Revise la llamada antes de volver a intentarlo.</translation>
    </message>
    <message>
        <source>Unknown action or role: nothing was sent.</source>
        <translation>Acción o rol desconocidos: no se envió nada.</translation>
    </message>
    <message>
        <source>To and Trigger source are the same address: nothing was sent.</source>
        <translation>Para y Su número son la misma dirección: no se envió nada.</translation>
    </message>
    <message>
        <source>Unknown member action: nothing was sent.</source>
        <translation>Acción de participante desconocida: no se envió nada.</translation>
    </message>
    <message>
        <source>Sent, no answer recorded: check the call.</source>
        <translation>Enviado, sin respuesta registrada: revise la llamada.</translation>
    </message>
    <message>
        <source>The history could not be opened.</source>
        <translation>No se pudo abrir el historial.</translation>
    </message>
    <message>
        <source>The action could not be added to the history.</source>
        <translation>No se pudo añadir la acción al historial.</translation>
    </message>
    <message>
        <source>The answer could not be added to the history.</source>
        <translation>No se pudo añadir la respuesta al historial.</translation>
    </message>
    <message>
        <source>The action&apos;s row is no longer waiting for an answer in the history file.</source>
        <translation>En el archivo del historial, la fila de la acción ya no espera una respuesta.</translation>
    </message>
    <message>
        <source>The actions could not be added to the history.</source>
        <translation>No se pudieron añadir las acciones al historial.</translation>
    </message>
    <message>
        <source>The history could not be read.</source>
        <translation>No se pudo leer el historial.</translation>
    </message>
    <message>
        <source>The history could not be exported to that file.</source>
        <translation>No se pudo exportar el historial a ese archivo.</translation>
    </message>
    <message>
        <source>The file or its folder cannot be written: check the permissions and the free disk space.</source>
        <translation>No se puede escribir en el archivo o en su carpeta: revise los permisos y el espacio libre en disco.</translation>
    </message>
    <message>
        <source>The history file was written by a newer version of PHLO Desk.</source>
        <translation>El archivo del historial lo escribió una versión más reciente de PHLO Desk.</translation>
    </message>
    <message>
        <source>The history file is in use by another program; try again in a moment.</source>
        <translation>Otro programa está usando el archivo del historial; vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>The history file is damaged. PHLO Desk leaves it as it is: move it away to start a new history (the log file says where it is).</source>
        <translation>El archivo del historial está dañado. PHLO Desk lo deja como está: muévalo a otra carpeta para empezar un historial nuevo (el archivo de registro indica dónde está).</translation>
    </message>
    <message>
        <source>The history file cannot be opened for writing: check its permissions.</source>
        <translation>No se puede abrir el archivo del historial para escribir: revise sus permisos.</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>El disco está lleno.</translation>
    </message>
    <message>
        <source>The disk reported an error.</source>
        <translation>El disco informó de un error.</translation>
    </message>
    <message>
        <source>SQLite reported an unexpected error.</source>
        <translation>SQLite informó de un error inesperado.</translation>
    </message>
    <message>
        <source>Internal error while sending: the action may have happened. Check the call before trying again.</source>
        <translation>Error interno durante el envío: puede que la acción se haya realizado. Revise la llamada antes de volver a intentarlo.</translation>
    </message>
    <message>
        <source>Internal error while checking the connection.</source>
        <translation>Error interno al comprobar la conexión.</translation>
    </message>
    <message>
        <source>no settings yet</source>
        <translation>aún no hay configuración</translation>
    </message>
    <message>
        <source>No history is kept in this session.</source>
        <translation>En esta sesión no se guarda historial.</translation>
    </message>
    <message>
        <source>no connection within {seconds} s</source>
        <translation>sin conexión tras {seconds} s</translation>
    </message>
    <message>
        <source>No connection to Plivo within {duration}: nothing was sent. Check the network connection, then try again.</source>
        <translation>Sin conexión con Plivo tras {duration}: no se envió nada. Revise la conexión de red y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>no complete answer within {seconds} s</source>
        <translation>sin respuesta completa tras {seconds} s</translation>
    </message>
    <message>
        <source>No complete answer from Plivo within {duration}: the action may have happened. Check the call before trying again.</source>
        <translation>Sin respuesta completa de Plivo tras {duration}: puede que la acción se haya realizado. Revise la llamada antes de volver a intentarlo.</translation>
    </message>
    <message>
        <source>No complete answer from Plivo within {duration}. Check the network connection, then try again.</source>
        <translation>Sin respuesta completa de Plivo tras {duration}. Revise la conexión de red y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>stopped before sending</source>
        <translation>detenido antes del envío</translation>
    </message>
    <message>
        <source>The request was stopped before it was sent: nothing was sent.</source>
        <translation>La solicitud se detuvo antes de enviarse: no se envió nada.</translation>
    </message>
    <message>
        <source>stopped before the answer</source>
        <translation>detenido antes de la respuesta</translation>
    </message>
    <message>
        <source>The request was stopped before Plivo answered: the action may have happened. Check the call before trying again.</source>
        <translation>La solicitud se detuvo antes de que Plivo respondiera: puede que la acción se haya realizado. Revise la llamada antes de volver a intentarlo.</translation>
    </message>
    <message>
        <source>The request was stopped before Plivo answered.</source>
        <translation>La solicitud se detuvo antes de que Plivo respondiera.</translation>
    </message>
    <message>
        <source>The API base URL is not valid: nothing was sent.</source>
        <translation>La URL base de la API no es válida: no se envió nada.</translation>
    </message>
    <message>
        <source>The proxy would not connect to Plivo: nothing was sent. Ask IT to check the proxy set-up.</source>
        <translation>El proxy no se conectó a Plivo: no se envió nada. Pida a TI que revise la configuración del proxy.</translation>
    </message>
    <message>
        <source>The secure connection to Plivo failed its certificate check: nothing was sent. Ask IT to check the proxy or certificate set-up.</source>
        <translation>La conexión segura con Plivo no superó la comprobación del certificado: no se envió nada. Pida a TI que revise la configuración del proxy o de los certificados.</translation>
    </message>
    <message>
        <source>A secure connection to Plivo could not be made: nothing was sent. Check the network, then try again.</source>
        <translation>No se pudo establecer una conexión segura con Plivo: no se envió nada. Revise la red y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Plivo did not answer in time. Check the network connection, then try again.</source>
        <translation>Plivo no respondió a tiempo. Revise la conexión de red y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>the proxy did not connect to Plivo</source>
        <translation>el proxy no se conectó a Plivo</translation>
    </message>
    <message>
        <source>no answer within {seconds} s</source>
        <translation>sin respuesta tras {seconds} s</translation>
    </message>
    <message>
        <source>the address is not valid</source>
        <translation>la dirección no es válida</translation>
    </message>
    <message>
        <source>certificate is for another host name</source>
        <translation>el certificado es de otro nombre de host</translation>
    </message>
    <message>
        <source>the host name could not be found</source>
        <translation>no se encontró el nombre de host</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>conexión rechazada</translation>
    </message>
    <message>
        <source>the connection closed before the answer</source>
        <translation>la conexión se cerró antes de la respuesta</translation>
    </message>
    <message>
        <source>the connection was reset</source>
        <translation>la conexión fue reiniciada</translation>
    </message>
    <message>
        <source>the answer was cut off</source>
        <translation>la respuesta llegó cortada</translation>
    </message>
    <message>
        <source>the secure connection failed</source>
        <translation>falló la conexión segura</translation>
    </message>
    <message>
        <source>the answer was not valid HTTP</source>
        <translation>la respuesta no era HTTP válido</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>sin respuesta a tiempo</translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation>falló la conexión</translation>
    </message>
    <message>
        <source>the network is unreachable</source>
        <translation>no se puede acceder a la red</translation>
    </message>
    <message>
        <source>the host is unreachable</source>
        <translation>no se puede acceder al host</translation>
    </message>
    <message>
        <source>certificate expired</source>
        <translation>certificado caducado</translation>
    </message>
    <message>
        <source>certificate not trusted</source>
        <translation>certificado que no es de confianza</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 segundo</translation>
    </message>
    <message>
        <source>{seconds} seconds</source>
        <translation>{seconds} segundos</translation>
    </message>
    <message>
        <source>No own entries are kept in this session.</source>
        <translation>En esta sesión no se guardan entradas propias.</translation>
    </message>
    <message>
        <source>Your own directory entries could not be saved ({why}).</source>
        <translation>No se pudieron guardar sus propias entradas del directorio ({why}).</translation>
    </message>
    <message>
        <source>The Plivo endpoints are not part of the directory.</source>
        <translation>Los endpoints de Plivo no forman parte del directorio.</translation>
    </message>
    <message>
        <source>The desk is closing.</source>
        <translation>La consola se está cerrando.</translation>
    </message>
    <message>
        <source>The Plivo endpoints need the Auth ID and Auth Token: open Settings.</source>
        <translation>Los endpoints de Plivo necesitan el Auth ID y el Auth Token: abra Configuración.</translation>
    </message>
    <message>
        <source>Plivo&apos;s list of SIP endpoints could not be read.</source>
        <translation>No se pudo leer la lista de endpoints SIP de Plivo.</translation>
    </message>
    <message>
        <source>Plivo&apos;s answer about the SIP endpoint could not be read.</source>
        <translation>No se pudo leer la respuesta de Plivo sobre el endpoint SIP.</translation>
    </message>
    <message>
        <source>Could not reach Plivo to read the SIP endpoints: {reason}.</source>
        <translation>No se pudo contactar con Plivo para leer los endpoints SIP: {reason}.</translation>
    </message>
    <message>
        <source>Plivo rejected the Auth ID / Auth Token when reading the SIP endpoints: check them in Settings.</source>
        <translation>Plivo rechazó el Auth ID / Auth Token al leer los endpoints SIP: revíselos en Configuración.</translation>
    </message>
    <message>
        <source>Plivo has no SIP endpoint {endpoint_id} any more.</source>
        <translation>Plivo ya no tiene el endpoint SIP {endpoint_id}.</translation>
    </message>
    <message>
        <source>Plivo refused to read the SIP endpoints (HTTP {status}).</source>
        <translation>Plivo rechazó la lectura de los endpoints SIP (HTTP {status}).</translation>
    </message>
    <message>
        <source>Plivo&apos;s answer about the SIP endpoints could not be read.</source>
        <translation>No se pudo leer la respuesta de Plivo sobre los endpoints SIP.</translation>
    </message>
    <message>
        <source>No directory is kept in this session.</source>
        <translation>En esta sesión no se guarda ningún directorio.</translation>
    </message>
    <message>
        <source>Reading the directory...</source>
        <translation>Leyendo el directorio...</translation>
    </message>
    <message>
        <source>Entries from IT&apos;s list: %1</source>
        <translation>Entradas de la lista de TI: %1</translation>
    </message>
    <message>
        <source>(saved copy from %1)</source>
        <translation>(copia guardada de las %1)</translation>
    </message>
    <message>
        <source>(checked %1)</source>
        <translation>(comprobada a las %1)</translation>
    </message>
    <message>
        <source>No list from IT is set up.</source>
        <translation>No hay ninguna lista de TI configurada.</translation>
    </message>
    <message>
        <source>My own entries: %1</source>
        <translation>Mis propias entradas: %1</translation>
    </message>
    <message>
        <source>Plivo SIP endpoints: %1</source>
        <translation>Endpoints SIP de Plivo: %1</translation>
    </message>
    <message>
        <source>Matches in the directory</source>
        <translation>Coincidencias en el directorio</translation>
    </message>
    <message>
        <source>softphone offline</source>
        <translation>softphone sin conexión</translation>
    </message>
    <message>
        <source>softphone signed in</source>
        <translation>softphone conectado</translation>
    </message>
    <message>
        <source>One match in the directory: Down, then Enter picks it.</source>
        <translation>Una coincidencia en el directorio: flecha abajo y luego Enter para elegirla.</translation>
    </message>
    <message>
        <source>%1 matches in the directory: Down picks one, Enter takes it.</source>
        <translation>%1 coincidencias en el directorio: flecha abajo para elegir una, Enter para usarla.</translation>
    </message>
    <message>
        <source>%1 - offline</source>
        <translation>%1 - sin conexión</translation>
    </message>
</context>
</TS>
