"""The body map as a figure: its outlines, their size on screen, touches on them, the names shown.

The outlines are checked with Shapely (GEOS), independently of the map's own
hit-test: valid, apart, joined into one figure, and each large enough for a
finger where it is drawn on the real screen.
"""

import pytest
import shapely
from kivy.metrics import dp, sp
from pilot import ScreenHost
from shapely.geometry import Point, Polygon

from kiosk.clinical.regions import REGION_IDS
from kiosk.exercise_session import words
from kiosk.exercise_session.screens.check_in import CheckInScreen
from kiosk.exercise_session.widgets.body_map import NAME_SECONDS, NUMB, PAIN
from kiosk.exercise_session.widgets.body_shapes import BACK, FRONT, SHAPES, SILHOUETTE, VIEWS, views_of

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
ON_VIEWS = [(view, region_id) for view in VIEWS for region_id in SHAPES[view]]
ON_VIEW_IDS = [f"{view}-{region_id}" for view, region_id in ON_VIEWS]


def polygon(shape) -> Polygon:
    return Polygon(shape.points)


@pytest.fixture
def where(pilot):
    """where(size) -> the check-in's body-map page, shown at that window size."""

    def open_(size=(1280, 800)) -> CheckInScreen:
        screen = CheckInScreen(name="check_in")
        pilot.start(ScreenHost(screen), size=size)
        screen.show("baseline", None)
        pilot.frames(3)
        return screen

    return open_


# The outlines, in view units ---------------------------------------------------------------


def test_every_region_has_a_valid_outline_and_none_overlap_on_a_view():
    assert {r for view in VIEWS for r in SHAPES[view]} == set(REGION_IDS)
    for view in VIEWS:
        shapes = {region_id: polygon(shape) for region_id, shape in SHAPES[view].items()}
        for region_id, shape in shapes.items():
            assert shape.is_valid, f"{view} {region_id}: {shapely.is_valid_reason(shape)}"
        names = list(shapes)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                shared = shapes[a].intersection(shapes[b]).area
                assert shared < 1e-9, f"{a} and {b} overlap on the {view} view ({shared:.2g})"


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_is_one_figure_with_no_gap(view):
    # Neighbouring regions share their edges: the whole view, and each leg alone, is one piece.
    parts = [polygon(shape) for shape in SHAPES[view].values()] + [polygon(part) for part in SILHOUETTE]
    figure = shapely.union_all([part.buffer(1e-6) for part in parts])
    assert figure.geom_type == "Polygon", f"the {view} view falls apart into {len(figure.geoms)} pieces"
    for side in ("left", "right"):
        leg = [polygon(shape) for region_id, shape in SHAPES[view].items() if region_id.endswith(side)
               and not region_id.startswith("back_")]
        assert shapely.union_all([p.buffer(1e-6) for p in leg]).geom_type == "Polygon", f"a gap in the {side} leg"


def test_left_and_right_are_the_patients_own():
    def centre_x(view, region_id):
        return polygon(SHAPES[view][region_id]).centroid.x

    # From the front the patient's right leg is on the viewer's left; from the back, on the right.
    for area in ("foot", "lower_leg", "knee", "thigh_front", "groin"):
        assert centre_x(FRONT, f"{area}_right") < centre_x(FRONT, f"{area}_left"), area
    for area in ("foot", "lower_leg", "knee", "thigh_back", "buttock", "back"):
        assert centre_x(BACK, f"{area}_right") > centre_x(BACK, f"{area}_left"), area
    assert centre_x(BACK, "back_left") < centre_x(BACK, "back_central") < centre_x(BACK, "back_right")
    assert views_of("thigh_front_left") == [FRONT] and views_of("back_central") == [BACK]
    assert views_of("knee_right") == views_of("foot_right") == [FRONT, BACK]


@pytest.mark.parametrize("view", VIEWS)
def test_the_hit_test_agrees_with_geos_everywhere_on_the_view(view):
    shapes = {region_id: polygon(shape) for region_id, shape in SHAPES[view].items()}
    steps = 120
    for i in range(steps + 1):
        for j in range(steps + 1):
            x, y = 0.5 * i / steps, j / steps
            point = Point(x, y)
            if any(p.boundary.distance(point) < 1e-9 for p in shapes.values()):
                continue  # on a shared edge either side is right
            inside = {r for r, p in shapes.items() if p.contains(point)}
            assert {r for r, shape in SHAPES[view].items() if shape.contains(x, y)} == inside, \
                f"({x:.3f}, {y:.3f}) on the {view} view"


# On the real screen ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_every_region_is_at_least_48_dp_across_where_it_is_drawn(where, size):
    body_map = where(size).ids.body_map
    too_small = []
    for view, region_id in ON_VIEWS:
        outline = Polygon(body_map.region_outline(view, region_id))
        rectangle = outline.minimum_rotated_rectangle.exterior.coords
        smallest_width = min(Point(rectangle[0]).distance(Point(rectangle[1])),
                             Point(rectangle[1]).distance(Point(rectangle[2])))
        finger = 2 * shapely.maximum_inscribed_circle(outline, 0.5).length  # the widest disc that fits
        if min(smallest_width, finger) < dp(48):
            too_small.append(f"{view} {region_id}: {smallest_width:.0f} px across, a {finger:.0f} px disc fits")
        x0, y0, x1, y1 = outline.bounds
        assert 0 <= x0 and x1 <= size[0] and 0 <= y0 and y1 <= size[1], f"{view} {region_id} is off screen"
    assert not too_small, "\n".join(too_small)


@pytest.mark.parametrize(("view", "region_id"), ON_VIEWS, ids=ON_VIEW_IDS)
def test_touching_a_region_marks_it_and_names_it_beside_it(where, pilot, view, region_id):
    screen = where()
    body_map, tag = screen.ids.body_map, screen.ids.body_map.name_tag
    x, y = body_map.region_window_point(region_id, view)
    pilot.tap_at(x, y)
    assert body_map.pain == [region_id]
    assert tag.text == words.region_name(region_id) and tag.opacity == 1
    assert tag.font_size >= sp(24) - 0.5
    tx, ty = tag.to_window(tag.x, tag.y)
    assert not (tx <= x <= tx + tag.width and ty <= y <= ty + tag.height), "the name covers the touch"
    assert body_map.x <= tag.x and tag.right <= body_map.right and body_map.y <= tag.y and tag.top <= body_map.top
    bx, by, bw, bh = body_map.region_rects(region_id)[views_of(region_id).index(view)]
    assert ty < by + bh and by < ty + tag.height, "the name is not beside the region"


def test_the_name_shows_for_a_moment_and_the_newest_touch_wins(where, pilot):
    screen = where()
    body_map, tag = screen.ids.body_map, screen.ids.body_map.name_tag
    pilot.tap_at(*body_map.region_window_point("knee_left"))
    pilot.seconds(NAME_SECONDS / 2)
    pilot.tap_at(*body_map.region_window_point("foot_right", BACK))
    assert tag.text == "right foot"
    pilot.seconds(NAME_SECONDS * 0.8)  # past the first name's time, not the second's
    assert tag.text == "right foot" and tag.opacity == 1
    pilot.seconds(NAME_SECONDS * 0.3)
    assert tag.text == "" and tag.opacity == 0
    pilot.tap_at(*body_map.region_window_point("foot_right", BACK))  # taking the mark off names it too
    assert tag.text == "right foot" and body_map.pain == ["knee_left"]


def test_a_touch_inside_a_regions_box_but_outside_its_outline_marks_nothing(where, pilot):
    screen = where()
    body_map = screen.ids.body_map
    drawn = [Polygon(body_map.region_outline(v, r)) for v, r in ON_VIEWS]
    for view in VIEWS:
        x, y, _, scale = body_map.view_rect(view)
        drawn += [Polygon([body_map.to_window(x + px * scale, y + py * scale) for px, py in part.points])
                  for part in SILHOUETTE]
    figure = shapely.union_all(drawn)
    # A point that a box around the region would take, but well clear of every outline drawn.
    free = [Point(px, py) for v, r in ON_VIEWS for x0, y0, x1, y1 in [Polygon(body_map.region_outline(v, r)).bounds]
            for px in range(int(x0), int(x1), 2) for py in range(int(y0), int(y1), 2)
            if figure.distance(Point(px, py)) > 5]
    assert free, "every region fills its box"
    for point in free[::max(1, len(free) // 20)]:
        pilot.tap_at(point.x, point.y)
        assert body_map.pain == [] and body_map.name_tag.text == "", f"a touch at {point} marked something"


def test_names_come_from_the_screens_words_in_the_map_and_in_the_list(where, pilot, monkeypatch):
    # A translation of the screens' words renames a region everywhere the patient reads it.
    assert set(words.REGION_NAMES) == set(REGION_IDS)
    monkeypatch.setitem(words.REGION_NAMES, "knee_left", "rodilla izquierda")
    screen = where()
    pilot.tap_at(*screen.ids.body_map.region_window_point("knee_left"))
    assert screen.ids.body_map.name_tag.text == "rodilla izquierda"
    assert "rodilla izquierda" in screen.ids.marked.text


def test_marks_are_drawn_inside_their_own_outline_only(where, pilot):
    # Read the map back as pixels: pain fills its region, stripes stay inside theirs.
    body_map = where().ids.body_map
    body_map.set_marks(["knee_left"], ["lower_leg_left"])
    pilot.frames(2)
    texture = body_map.export_as_image().texture
    width, height = texture.size
    pixels = texture.pixels

    def colour_at(x, y):
        col, row = int(x - body_map.x), height - 1 - int(y - body_map.y)  # the image's rows run top down
        return tuple(pixels[(row * width + col) * 4:(row * width + col) * 4 + 3])

    def share(view, region_id, colour, outside=False):
        """The share of pixels of that colour inside the region, or (outside) around it in its box."""
        outline = Polygon([body_map.to_widget(*p) for p in body_map.region_outline(view, region_id)])
        inner = outline.buffer(-3)  # leave the edge line and its smoothing out
        x0, y0, x1, y1 = outline.bounds
        seen = [colour_at(x, y) for x in range(int(x0), int(x1), 2) for y in range(int(y0), int(y1), 2)
                if (outline.distance(Point(x, y)) > 3 if outside else inner.contains(Point(x, y)))]
        return sum(all(abs(a - b) <= 12 for a, b in zip(c, colour)) for c in seen) / len(seen)

    pain = tuple(round(c * 255) for c in PAIN[:3])
    numb = tuple(round(c * 255) for c in NUMB[:3])
    for view in (FRONT, BACK):
        assert share(view, "knee_left", pain) > 0.95
        assert 0.2 < share(view, "lower_leg_left", numb) < 0.9  # stripes, not a fill
        assert share(view, "lower_leg_left", numb, outside=True) == 0  # not beyond its outline
        for region_id in SHAPES[view]:
            if region_id not in ("knee_left", "lower_leg_left"):
                assert share(view, region_id, numb) == 0 and share(view, region_id, pain) == 0, region_id
