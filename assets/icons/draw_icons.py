#!/usr/bin/env python3
"""Draws the feed's channel icons (white on transparent, 64x64 PNG) so the
trainer can tint them with the channel's colour. Drawn at 8x and reduced,
for smooth edges. Rerun after changing a shape:
    pip install pillow && python3 assets/icons/draw_icons.py
The shapes are this project's own; they share its licence."""
from pathlib import Path
from PIL import Image, ImageDraw

S = 8            # supersampling factor
N = 64 * S       # canvas side while drawing
W = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)
LINE = 5 * S     # stroke width


def canvas():
    img = Image.new("RGBA", (N, N), CLEAR)
    return img, ImageDraw.Draw(img)


def px(*xs):
    return [x * S for x in xs]


def page(d):
    # A pager: a rounded body with a screen and two buttons.
    d.rounded_rectangle(px(6, 14, 58, 50), radius=8 * S, fill=W)
    d.rounded_rectangle(px(12, 20, 44, 34), radius=2 * S, fill=CLEAR)
    d.ellipse(px(47, 21, 53, 27), fill=CLEAR)
    d.ellipse(px(47, 37, 53, 43), fill=CLEAR)
    d.rectangle(px(12, 39, 40, 43), fill=CLEAR)


def chat(d):
    # Two speech bubbles, the front one with a tail.
    d.rounded_rectangle(px(4, 8, 44, 36), radius=8 * S, fill=W)
    d.polygon(px(10, 34, 10, 46, 22, 34), fill=W)
    d.rounded_rectangle(px(24, 24, 60, 50), radius=8 * S, outline=W, width=LINE, fill=CLEAR)
    d.polygon(px(50, 48, 54, 58, 42, 48), fill=W)


def email(d):
    # An envelope.
    d.rounded_rectangle(px(4, 14, 60, 50), radius=4 * S, outline=W, width=LINE)
    d.line(px(6, 17, 32, 36, 58, 17), fill=W, width=LINE, joint="curve")


def ticket(d):
    # A ticket with notches on both sides and a tear line.
    d.rounded_rectangle(px(4, 16, 60, 48), radius=4 * S, fill=W)
    d.ellipse(px(-2, 26, 10, 38), fill=CLEAR)
    d.ellipse(px(54, 26, 66, 38), fill=CLEAR)
    for y in range(19, 47, 6):
        d.rectangle(px(40, y, 43, y + 3), fill=CLEAR)


def social(d):
    # A megaphone.
    d.polygon(px(8, 24, 26, 24, 52, 8, 52, 56, 26, 40, 8, 40), fill=W)
    d.rectangle(px(14, 40, 24, 56), fill=W)
    d.line(px(56, 24, 62, 20), fill=W, width=3 * S)
    d.line(px(56, 40, 62, 44), fill=W, width=3 * S)


def call(d):
    # A telephone handset: a thick arc with ear and mouth pieces (turned
    # 45 degrees after drawing, in main).
    d.arc(px(2, 2, 62, 62), start=100, end=170, fill=W, width=13 * S)
    d.rounded_rectangle(px(0, 22, 22, 38), radius=4 * S, fill=W)
    d.rounded_rectangle(px(22, 42, 38, 64), radius=4 * S, fill=W)


def alert(d):
    # A monitoring graph with a spike and an alarm dot.
    d.line(px(4, 56, 60, 56), fill=W, width=3 * S)
    d.line(px(4, 4, 4, 56), fill=W, width=3 * S)
    d.line(px(8, 46, 20, 44, 28, 48, 36, 16, 44, 40, 58, 38), fill=W, width=LINE, joint="curve")
    d.ellipse(px(44, 4, 58, 18), fill=W)


ICONS = {"page": page, "chat": chat, "email": email, "ticket": ticket,
         "social": social, "call": call, "alert": alert}


def main():
    here = Path(__file__).resolve().parent
    for name, draw in ICONS.items():
        img, d = canvas()
        draw(d)
        if name == "call":
            img = img.rotate(-45, resample=Image.BICUBIC)
        img.resize((64, 64), Image.LANCZOS).save(here / f"{name}.png", optimize=True)


if __name__ == "__main__":
    main()
