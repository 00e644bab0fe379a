package generated_test

import (
	"slices"
	"testing"

	"github.com/eventgen/eventgen/generated/jaicp"
)

// TestJAICPCatalogue pins what the JAICP document says about its events, through the generated
// catalogue: every event is filed in a group, and the channel support notes of the document hold.
func TestJAICPCatalogue(t *testing.T) {
	events := jaicp.Events()
	if len(events) != 48 {
		t.Errorf("the catalogue has %d events, want the document's 48", len(events))
	}
	groups := map[string]bool{}
	for _, g := range jaicp.Groups() {
		groups[g.Name] = true
	}
	for _, e := range events {
		if !e.Documented || e.Type == "" || !e.Type.Known() {
			t.Errorf("%s: every JAICP event has a documented name", e.Name)
		}
		if !groups[e.Group] {
			t.Errorf("%s: group %q is not a group of the catalogue", e.Name, e.Group)
		}
		if got, ok := jaicp.Lookup(e.Type); !ok || got.Name != e.Name {
			t.Errorf("Lookup(%q) = %v, %v", e.Type, got.Name, ok)
		}
	}
	if _, ok := jaicp.Lookup("audio"); ok {
		t.Error(`Lookup("audio") found an event: Vonage reply-type names are not catalogued`)
	}

	// "The fileEvent and fileTooBigEvent events are supported by all inbound channels, except JivoChat,
	// Zendesk, and Zendesk Chat. The chat widget supports fileEvent only."
	for _, ch := range []string{"telegram", "viber", "bitrix24", "wechat", "edna_whatsapp"} {
		for _, ev := range []jaicp.EventType{jaicp.EventTypeFileEvent, jaicp.EventTypeFileTooBigEvent} {
			if !jaicp.SupportedOn(ev, ch) {
				t.Errorf("%s is not supported on %s; the document says all inbound channels", ev, ch)
			}
		}
	}
	for _, ch := range []string{"jivochat", "zendesk", "zendesk_chat"} {
		for _, ev := range []jaicp.EventType{jaicp.EventTypeFileEvent, jaicp.EventTypeFileTooBigEvent} {
			if jaicp.SupportedOn(ev, ch) {
				t.Errorf("%s is supported on %s; the document excludes it", ev, ch)
			}
		}
	}
	if !jaicp.SupportedOn(jaicp.EventTypeFileEvent, "chat_widget") || jaicp.SupportedOn(jaicp.EventTypeFileTooBigEvent, "chat_widget") {
		t.Error("the chat widget supports fileEvent only")
	}
	// "The livechatFinished is not supported in the Webim customer engagement platform."
	if jaicp.SupportedOn(jaicp.EventTypeLivechatFinished, "webim_cep") || jaicp.SupportedOn(jaicp.EventTypeLivechatFinished, "webim") {
		t.Error("livechatFinished is supported on Webim")
	}
	// Telegram's payment events belong to the Telegram group.
	for _, e := range jaicp.EventsInGroup("telegram") {
		if e.Type == jaicp.EventTypeTelegramPaymentSuccessEvent {
			return
		}
	}
	t.Errorf("telegramPaymentSuccessEvent is not in the telegram group: %v", names(jaicp.EventsInGroup("telegram")))
}

func names(evs []jaicp.EventInfo) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Name)
	}
	slices.Sort(out)
	return out
}
